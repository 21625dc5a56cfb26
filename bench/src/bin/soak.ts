/**
 * `pnpm soak [--count 200000] [--faults 0.3] [--seed 1]`: the fault soak on loopback, in real time,
 * through undici. Prints what happened; exits 1 if any binding was lost, repeated or misplaced, or
 * a retry came sooner than Retry-After allowed.
 */
import { Command, Options } from "@effect/cli"
import { NodeContext, NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { FakeTwilioServer } from "@twilio-bindings/testing"
import { Console, Effect, Layer } from "effect"
import { clientOf, soak } from "../Soak.js"

const count = Options.integer("count").pipe(
  Options.withDefault(200_000),
  Options.withDescription("bindings in the service")
)
const faults = Options.float("faults").pipe(
  Options.withDefault(0.3),
  Options.withDescription("share of requests faulted")
)
const seed = Options.integer("seed").pipe(Options.withDefault(1), Options.withDescription("seed of the fault plan"))
const pageSize = Options.integer("page-size").pipe(Options.withDefault(1000), Options.withDescription("PageSize"))

const command = Command.make(
  "soak",
  { count, faults, seed, pageSize },
  ({ count, faults, pageSize, seed }) =>
    Effect.gen(function*() {
      yield* Console.log(
        `soak: ${count} bindings, PageSize ${pageSize}, ${faults * 100}% of requests faulted (seed ${seed})`
      )
      const report = yield* soak({ seed, probability: faults, pageSize, retryAfterSeconds: 1, slowDelay: "300 millis" })
      yield* Console.log(JSON.stringify(report, null, 2))
      if (report.problems.length > 0) {
        return yield* Effect.fail(new Error(`soak failed: ${report.problems.length} problem(s)`))
      }
      yield* Console.log(
        `ok: ${report.bindings} bindings exactly once, in order; ${report.requests} requests, ${report.retries} retries, ` +
          `Retry-After honoured ${report.retryAfterHonoured} times`
      )
    }).pipe(
      Effect.provide(
        clientOf(NodeHttpClient.layerUndici).pipe(
          Layer.provideMerge(FakeTwilioServer.layer({ services: [{ seed: 7, count }] }))
        )
      )
    )
)

Command.run(command, { name: "soak", version: "0.1.0" })(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain
)
