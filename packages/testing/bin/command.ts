/**
 * `fake-twilio`: the loopback fake as a command, for benchmarks and manual runs. It prints one JSON
 * line (`{"origin","service","account","token"}`) on stdout and serves until interrupted (SIGINT/SIGTERM)
 * or until the process that launched it is gone.
 *
 * @since 0.1.0
 */
import { Command, HelpDoc, Options, ValidationError } from "@effect/cli"
import { Console, Data, Duration, Effect, Option, Schedule } from "effect"
import { readFileSync } from "node:fs"
import * as FakeTwilioServer from "../src/FakeTwilioServer.js"
import * as FaultPlan from "../src/FaultPlan.js"
import * as Generators from "../src/Generators.js"

const invalid = (name: string, rule: string, text: string) =>
  Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${name} ${rule}, got ${JSON.stringify(text)}`)))

/** A text option read by `parse`; anything it refuses is one message naming the option, the rule and the text. */
const parsed = <A>(name: string, pseudoName: string, rule: string, parse: (text: string) => A | undefined) =>
  Options.text(name).pipe(
    Options.withPseudoName(pseudoName),
    Options.mapEffect((text) => {
      const value = parse(text)
      return value === undefined ? invalid(name, rule, text) : Effect.succeed(value)
    })
  )

const wholeNumber = (name: string, min: number, max: number) =>
  parsed(name, "integer", `must be a whole number from ${min} to ${max}`, (text) => {
    const value = /^[+-]?[0-9]+$/.test(text) ? Number(text) : NaN
    return value >= min && value <= max ? value : undefined
  })

/** A whole-number option with a default. */
const setting = (name: string, min: number, max: number, fallback: number, description: string) =>
  wholeNumber(name, min, max).pipe(Options.withDefault(fallback), Options.withDescription(description))

const port = setting("port", 0, 65_535, 0, "TCP port on 127.0.0.1 (0: any free port)")
const count = setting("count", 0, 10_000_000, 1000, "how many bindings to generate in the one service")
const seed = setting("seed", 0, 0xffff_ffff, 0, "seed of the generated bindings, SIDs and auth token")
const latency = setting("latency", 0, 3_600_000, 0, "milliseconds added to every answer")
const slow = setting("slow-ms", 0, 3_600_000, 1000, "delay of a SlowAnswer fault, in milliseconds")
const retryAfter = setting("retry-after", 0, 86_400, 1, "Retry-After of a RateLimited fault, in seconds")

/** A number from 0 to 1, as typed. */
const share = (name: string, description: string) =>
  parsed(name, "probability", "must be a number from 0 to 1", (text) => {
    const value = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(text) ? Number(text) : NaN
    return value <= 1 ? value : undefined
  }).pipe(Options.withDefault(0), Options.withDescription(description))

const faults = share("faults", "probability (0..1) that a request is faulted")
const twilsock = share("twilsock", "share (0..1) of twilsock bindings, which only Conversations (/v1) lists")

/** Every fault `--fault-kind` can name (`ServerError` stands for each of Twilio's 5xx), with the command's parameters. */
const faultsOf = (settings: { readonly retryAfterSeconds: number; readonly slowDelay: Duration.Duration }) => [
  ...FaultPlan.retryableFaults(settings),
  FaultPlan.Fault.NotJson(),
  FaultPlan.Fault.SchemaViolation(),
  FaultPlan.Fault.ForeignNextPage({})
]

const kindNames: ReadonlyArray<string> = [
  ...new Set(faultsOf({ retryAfterSeconds: 1, slowDelay: Duration.zero }).map((fault) => fault._tag))
]

const faultKinds = Options.text("fault-kind").pipe(
  Options.withPseudoName("kind"),
  Options.repeated,
  Options.mapEffect((texts) => {
    const bad = texts.find((text) => !kindNames.includes(text))
    return bad === undefined
      ? Effect.succeed(texts)
      : invalid("fault-kind", `must be one of ${kindNames.join(", ")}`, bad)
  }),
  Options.withDescription(
    "a fault kind to inject (repeatable); default: the retryable kinds that need no client timeout " +
      "(RateLimited, ServerError 500/502/503/504, ConnectionReset, TruncatedBody, SlowAnswer)"
  )
)

const faultSeed = wholeNumber("fault-seed", 0, 0xffff_ffff).pipe(
  Options.optional,
  Options.withDescription("seed of the fault plan (default: --seed)")
)

/** A process's state letter and parent, from `/proc` (Linux); `undefined` where there is none. */
const procStat = (pid: number): { readonly state: string; readonly ppid: number } | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    // "pid (command) state ppid …": the command may hold spaces and parentheses, the rest does not.
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return { state: state!, ppid: Number(ppid) }
  } catch {
    return undefined
  }
}

/** The pids above this process, nearest first, as far as `/proc` tells (only the parent elsewhere). */
const launchers = (): ReadonlyArray<number> => {
  const pids: Array<number> = []
  for (let pid: number | undefined = process.ppid; pid !== undefined && pid > 1 && !pids.includes(pid);) {
    pids.push(pid)
    pid = procStat(pid)?.ppid
  }
  return pids
}

/** Whether a process runs: it exists and is not a zombie (ended, not yet reaped by its parent). */
const isAlive = (pid: number): boolean => {
  const stat = procStat(pid)
  if (stat !== undefined) return stat.state !== "Z"
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/**
 * Completes once any process that launched this one has gone. A wrapper between the launcher and
 * this process (`pnpm` runs `sh`, which runs `tsx`, which runs node) outlives a launcher killed with
 * SIGTERM without passing the signal on, so the parent alone is not enough to watch.
 */
const launcherGone = Effect.suspend(() => {
  const pids = launchers()
  return Effect.repeat(Effect.sync(() => pids.every(isAlive)), {
    while: (alive) => alive,
    schedule: Schedule.spaced("250 millis")
  })
})

const command = Command.make(
  "fake-twilio",
  { port, count, seed, twilsock, faults, faultKinds, faultSeed, latency, slow, retryAfter },
  (options) =>
    Effect.gen(function*() {
      const token = Generators.authToken(options.seed)
      const every = faultsOf({ retryAfterSeconds: options.retryAfter, slowDelay: Duration.millis(options.slow) })
      const fake = yield* FakeTwilioServer.make({
        port: options.port,
        accountSid: Generators.accountSid(options.seed),
        authToken: token,
        services: [{ seed: options.seed, count: options.count, twilsock: options.twilsock }],
        latency: Duration.millis(options.latency),
        faults: options.faults > 0
          ? FaultPlan.random({
            seed: Option.getOrElse(options.faultSeed, () => options.seed),
            probability: options.faults,
            faults: options.faultKinds.length > 0
              ? every.filter((fault) => options.faultKinds.includes(fault._tag))
              : every.filter((fault) => FaultPlan.isRetryable(fault) && fault._tag !== "NoAnswer")
          })
          : FaultPlan.none
      })
      yield* Console.log(JSON.stringify({
        origin: fake.origin,
        service: fake.serviceSid,
        account: fake.accountSid,
        token
      }))
      yield* launcherGone
    }).pipe(Effect.scoped)
).pipe(
  Command.withDescription(
    "Serve a fake Twilio Bindings API (Chat v2 and Conversations v1: list, get, delete) on 127.0.0.1."
  )
)

const cli = Command.run(command, { name: "fake-twilio", version: "0.1.0" })

const optionNames = new Set(
  ["port", "count", "seed", "twilsock", "faults", "fault-kind", "fault-seed", "latency", "slow-ms", "retry-after"].map((
    name
  ) => `--${name}`)
)

/** @effect/cli's error as one line, naming the option where @effect/cli only says "unknown argument". */
const oneLine = (error: ValidationError.ValidationError, argv: ReadonlyArray<string>): string => {
  const text = HelpDoc.toAnsiText(error.error).replace(/\x1b\[[0-9;]*m/g, "").replace(/\s+/g, " ").trim()
  const unknown = /^Received unknown argument: '([^=]*).*'$/.exec(text)?.[1]
  if (unknown === undefined) return text
  if (!optionNames.has(unknown)) return `${unknown} is not an option of fake-twilio (see --help)`
  const given = argv.filter((arg) => arg === unknown || arg.startsWith(`${unknown}=`)).length
  return given > 1 ? `${unknown} was given ${given} times: give it once` : `${unknown} needs a value`
}

/**
 * Input the command refuses, in one line naming the option and the rule.
 *
 * @since 0.1.0
 * @category Errors
 */
export class InvalidInput extends Data.TaggedError("InvalidInput")<{ readonly message: string }> {}

/**
 * Parses `process.argv`-style arguments and serves; invalid input fails with {@link InvalidInput}
 * before anything starts (and @effect/cli prints nothing of its own).
 *
 * @since 0.1.0
 * @category Commands
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.flatMap(Console.consoleWith(Effect.succeed), (console) =>
    cli(argv).pipe(
      Effect.withConsole({ ...console, error: () => Effect.void }),
      Effect.catchIf(
        ValidationError.isValidationError,
        (error) => new InvalidInput({ message: oneLine(error, argv) })
      )
    ))

/**
 * Runs the command: invalid input is one line on stderr and exit code 2.
 *
 * @since 0.1.0
 * @category Commands
 */
export const run = (argv: ReadonlyArray<string>) =>
  main(argv).pipe(
    Effect.catchTag("InvalidInput", (error) =>
      Effect.zipRight(
        Console.error(`fake-twilio: ${error.message}`),
        Effect.sync(() => {
          process.exitCode = 2
        })
      ))
  )
