/**
 * The Effect floor on `node:http` (as `effect-floor-node-http.ts`), each page checked with the
 * library's own validator before anything is done with it: `WireDecoder.validateBindingPageWire`, the
 * check the CLI's export runs on every page. What a program that validates, as this library does, pays
 * at the least (`effect-floor-validating.ts` is the same on undici): see `effect-floor-loop.ts`.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { WireDecoder } from "@twilio-bindings/domain"
import { Either, Layer } from "effect"
import { runEffectFloor } from "./effect-floor-loop.js"

runEffectFloor(
  NodeHttpClient.layerWithoutAgent.pipe(Layer.provide(NodeHttpClient.makeAgentLayer({ keepAlive: true }))),
  (page) => Either.isRight(WireDecoder.validateBindingPageWire(page))
)
