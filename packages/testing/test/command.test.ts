import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, describe, it } from "@effect/vitest"
import { BindingPage } from "@twilio-bindings/domain"
import { Effect, Either, Schedule, Schema } from "effect"
import { spawn } from "node:child_process"
import * as Path from "node:path"
import { createInterface } from "node:readline"
import * as FakeTwilioCommand from "../bin/command.js"

const ROOT = Path.resolve(import.meta.dirname, "../../..")

const Ready = Schema.Struct({
  origin: Schema.String,
  service: Schema.String,
  account: Schema.String,
  token: Schema.String
})

/** Starts a process in the repository, killed when the scope closes. */
const start = (command: string, args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync(() => spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] })),
    (child) => Effect.sync(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"))
  )

/** `fake-twilio` as its own process (node + tsx, the bin's own loader). */
const startCommand = (args: ReadonlyArray<string>) =>
  start(process.execPath, ["--import", "tsx", "packages/testing/bin/fake-twilio.ts", ...args])

const authorization = (ready: typeof Ready.Type) =>
  "Basic " + Buffer.from(`${ready.account}:${ready.token}`).toString("base64")

const firstLine = (child: ReturnType<typeof spawn>) =>
  Effect.async<string, Error>((resume) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once("line", (line) => resume(Effect.succeed(line)))
    child.once("exit", (code) => resume(Effect.fail(new Error(`fake-twilio exited with ${code} before printing`))))
  })

const exited = (child: ReturnType<typeof spawn>) =>
  Effect.async<number | null | string>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.succeed(child.exitCode))
    child.once("exit", (code, signal) => resume(Effect.succeed(code ?? signal)))
  })

it.scopedLive(
  "fake-twilio prints one JSON line of credentials, serves pages with them, and exits on SIGTERM",
  () =>
    Effect.gen(function*() {
      const child = yield* startCommand(["--port", "0", "--count", "20", "--seed", "7"])
      const ready = yield* Schema.decode(Schema.parseJson(Ready))(yield* firstLine(child))
      assert.match(ready.origin, /^http:\/\/127\.0\.0\.1:\d+$/)

      const response = yield* Effect.promise(() =>
        fetch(`${ready.origin}/v2/Services/${ready.service}/Bindings?PageSize=50`, {
          headers: { authorization: authorization(ready) }
        })
      )
      assert.strictEqual(response.status, 200)
      const page = yield* Schema.decodeUnknown(BindingPage.BindingPage)(yield* Effect.promise(() => response.json()))
      assert.strictEqual(page.bindings.length, 20)

      child.kill("SIGTERM")
      const code = yield* exited(child).pipe(Effect.timeout("5 seconds"))
      assert.notStrictEqual(code, "SIGKILL")
    }),
  { timeout: 20_000 }
)

it.scopedLive(
  "fake-twilio stops when its launcher is killed, though wrappers between them outlive it",
  () =>
    Effect.gen(function*() {
      // pnpm runs sh, which runs tsx, which runs node: SIGTERM to pnpm reaches none of the others
      const launcher = yield* start("pnpm", ["--silent", "fake-twilio", "--count", "5"])
      const ready = yield* Schema.decode(Schema.parseJson(Ready))(yield* firstLine(launcher))
      const answers = Effect.tryPromise(() =>
        fetch(`${ready.origin}/v2/Services/${ready.service}/Bindings`, {
          headers: { authorization: authorization(ready) }
        })
      )
      assert.strictEqual((yield* answers).status, 200)
      launcher.kill("SIGTERM")
      // waits on another process: polled in real time until the port refuses, for at most 10 seconds
      const refused = yield* answers.pipe(
        Effect.flip,
        Effect.retry(Schedule.spaced("100 millis").pipe(Schedule.upTo("10 seconds"))),
        Effect.either
      )
      assert.isTrue(Either.isRight(refused), "the fake still answers after its launcher was killed")
    }),
  { timeout: 30_000 }
)

describe("invalid input", () => {
  const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
    [["--faults", "2"], `--faults must be a number from 0 to 1, got "2"`],
    [["--faults", "NaN"], `--faults must be a number from 0 to 1, got "NaN"`],
    [["--faults", "-0.5"], `--faults must be a number from 0 to 1, got "-0.5"`],
    [["--count", "-5"], `--count must be a whole number from 0 to 10000000, got "-5"`],
    [["--slow-ms", "-100"], `--slow-ms must be a whole number from 0 to 3600000, got "-100"`],
    [["--latency", "-10"], `--latency must be a whole number from 0 to 3600000, got "-10"`],
    [["--retry-after", "-3"], `--retry-after must be a whole number from 0 to 86400, got "-3"`],
    [["--port", "70000"], `--port must be a whole number from 0 to 65535, got "70000"`],
    [["--seed", "1.5"], `--seed must be a whole number from 0 to 4294967295, got "1.5"`],
    [["--fault-seed", "x"], `--fault-seed must be a whole number from 0 to 4294967295, got "x"`],
    [["--fault-kind", "RateLimited", "--fault-kind", "Bogus"], `--fault-kind must be one of RateLimited, ServerError`],
    [["--bogus"], "--bogus is not an option of fake-twilio (see --help)"],
    [["--port", "1", "--port=2"], "--port was given 2 times: give it once"],
    [["--count"], "--count needs a value"]
  ]
  for (const [args, message] of cases) {
    it.effect(`${args.join(" ")} is refused before anything starts: ${message}`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(FakeTwilioCommand.main(["node", "fake-twilio", ...args]))
        assert.strictEqual(error._tag, "InvalidInput")
        assert.isTrue(error.message.startsWith(message), error.message)
        assert.notInclude(error.message, "\n")
      }).pipe(Effect.provide(NodeContext.layer)))
  }

  it.scopedLive("the command exits 2 with one line on stderr and nothing on stdout", () =>
    Effect.gen(function*() {
      const child = yield* startCommand(["--port", "70000"])
      let stdout = ""
      let stderr = ""
      child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
      const code = yield* exited(child).pipe(Effect.timeout("20 seconds"))
      assert.strictEqual(code, 2)
      assert.strictEqual(stdout, "")
      assert.strictEqual(stderr, `fake-twilio: --port must be a whole number from 0 to 65535, got "70000"\n`)
    }), { timeout: 30_000 })
})
