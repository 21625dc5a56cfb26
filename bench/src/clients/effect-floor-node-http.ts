/**
 * The Effect floor on `node:http` with a keep-alive agent, the transport of `lib-node-http.ts` and of
 * the CLI's bin: see `effect-floor-loop.ts` for what it does. Imported module by module, so that the
 * bundle has no undici.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Layer } from "effect"
import { runEffectFloor } from "./effect-floor-loop.js"

runEffectFloor(NodeHttpClient.layerWithoutAgent.pipe(Layer.provide(NodeHttpClient.makeAgentLayer({ keepAlive: true }))))
