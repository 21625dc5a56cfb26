/**
 * The `bindings` program, bundled as `dist/main.cjs` and run by the bin (`bin/bindings.ts`).
 */
// Node's own http client, not the undici package: Node ships its client compiled into the binary,
// while the package adds a megabyte of JavaScript to load on every run (a third of a short run's CPU).
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
// Deep imports: the @effect/platform-node barrel would load its HTTP server, workers and cluster too.
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Effect, Layer } from "effect"
import { BindingsCommand, Stdio } from "../src/index.js"

// One connection for every page: `http.Agent` closes each connection after its request by default.
const httpClient = NodeHttpClient.layerWithoutAgent.pipe(
  Layer.provide(NodeHttpClient.makeAgentLayer({ keepAlive: true }))
)

BindingsCommand.run(process.argv).pipe(
  Effect.provide(Layer.mergeAll(NodeContext.layer, httpClient, Stdio.layerNode)),
  BindingsCommand.runMain
)
