/**
 * `fake-twilio`: the loopback fake as a command, for benchmarks and manual runs. It prints one JSON
 * line (`{"origin","service","account","token"}`) on stdout and serves until interrupted (SIGINT/SIGTERM).
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import { Console, Duration, Effect, Option } from "effect"
import * as FakeTwilioServer from "../src/FakeTwilioServer.js"
import * as FaultPlan from "../src/FaultPlan.js"
import * as Generators from "../src/Generators.js"

const port = Options.integer("port").pipe(
  Options.withDefault(0),
  Options.withDescription("TCP port on 127.0.0.1 (0: any free port)")
)

const count = Options.integer("count").pipe(
  Options.withDefault(1000),
  Options.withDescription("how many bindings to generate in the one service")
)

const seed = Options.integer("seed").pipe(
  Options.withDefault(0),
  Options.withDescription("seed of the generated bindings, SIDs and auth token")
)

const faults = Options.float("faults").pipe(
  Options.withDefault(0),
  Options.withDescription("probability (0..1) that a request is faulted")
)

const faultKinds = Options.choice("fault-kind", FaultPlan.kinds).pipe(
  Options.repeated,
  Options.withDescription(
    "a fault kind to inject (repeatable); default: the retryable kinds that need no client timeout " +
      "(RateLimited, 5xx, ConnectionReset, SlowAnswer)"
  )
)

const faultSeed = Options.integer("fault-seed").pipe(
  Options.optional,
  Options.withDescription("seed of the fault plan (default: --seed)")
)

const latency = Options.integer("latency").pipe(
  Options.withDefault(0),
  Options.withDescription("milliseconds added to every answer")
)

const slow = Options.integer("slow-ms").pipe(
  Options.withDefault(1000),
  Options.withDescription("delay of a SlowAnswer fault, in milliseconds")
)

const retryAfter = Options.integer("retry-after").pipe(
  Options.withDefault(1),
  Options.withDescription("Retry-After of a RateLimited fault, in seconds")
)

/**
 * The fault kinds `--faults` injects when no `--fault-kind` is given: retryable, and recoverable
 * without a client-side timeout.
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaultFaultKinds: ReadonlyArray<FaultPlan.FaultKind> = FaultPlan.retryableKinds.filter((kind) =>
  kind !== "NoAnswer"
)

/**
 * The `fake-twilio` command.
 *
 * @since 0.1.0
 * @category Commands
 */
export const command = Command.make(
  "fake-twilio",
  { port, count, seed, faults, faultKinds, faultSeed, latency, slow, retryAfter },
  (options) =>
    Effect.gen(function*() {
      const token = Generators.authToken(options.seed)
      const fake = yield* FakeTwilioServer.make({
        port: options.port,
        accountSid: Generators.accountSid(options.seed),
        authToken: token,
        services: [{ seed: options.seed, count: options.count }],
        latency: Duration.millis(options.latency),
        faults: options.faults > 0
          ? FaultPlan.random({
            seed: Option.getOrElse(options.faultSeed, () => options.seed),
            probability: options.faults,
            kinds: options.faultKinds.length > 0 ? options.faultKinds : defaultFaultKinds,
            slowDelay: Duration.millis(options.slow),
            retryAfterSeconds: options.retryAfter
          })
          : FaultPlan.none
      })
      yield* Console.log(JSON.stringify({
        origin: fake.origin,
        service: fake.serviceSid,
        account: fake.accountSid,
        token
      }))
      return yield* Effect.never
    }).pipe(Effect.scoped)
).pipe(Command.withDescription("Serve a fake Twilio Chat v2 Bindings API on 127.0.0.1."))

/**
 * Runs the command on `process.argv`-style arguments.
 *
 * @since 0.1.0
 * @category Commands
 */
export const run = Command.run(command, { name: "fake-twilio", version: "0.1.0" })
