/**
 * This library as a benchmark client, on `node:http` with a keep-alive agent (the transport of the
 * CLI's bin): see `listing.ts` for what it does. Imported module by module, so that the bundle has
 * no undici.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Layer } from "effect"
import { runListing } from "./listing.js"

runListing(NodeHttpClient.layerWithoutAgent.pipe(Layer.provide(NodeHttpClient.makeAgentLayer({ keepAlive: true }))))
