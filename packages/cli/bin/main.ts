/**
 * The `bindings` program, bundled as `dist/main.cjs` and run by the bin (`bin/bindings.ts`).
 */
// Deep imports: the @effect/platform-node barrel would load its HTTP server, workers and cluster too.
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer } from "effect"
import { BindingsCommand, Stdio } from "../src/index.js"

BindingsCommand.run(process.argv).pipe(
  Effect.provide(Layer.mergeAll(NodeContext.layer, NodeHttpClient.layerUndici, Stdio.layerNode)),
  BindingsCommand.runMain
)
