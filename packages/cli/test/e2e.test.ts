/**
 * The command as a user runs it: a separate process (`node packages/cli/dist/bindings.cjs`, the bundle
 * `pnpm bindings` builds and runs) against the fake on a loopback socket. The bundle is rebuilt from the
 * sources once, before the tests. Each process is killed after a timeout; the tests run concurrently,
 * each with its own server.
 */
import { assert, beforeAll, describe, it } from "@effect/vitest"
import type { FakeTwilio } from "@twilio-bindings/testing"
import { FakeTwilioServer, FaultPlan, Generators } from "@twilio-bindings/testing"
import { Effect, Exit, Redacted, Scope } from "effect"
import { execFile, spawn } from "node:child_process"
import * as Path from "node:path"
import { promisify } from "node:util"
import { Format } from "../src/index.js"
import { parseCsv } from "./csvParse.js"
import { invalidInputs } from "./invalidInputs.js"
import { jsonLines } from "./utils.js"

const root = Path.resolve(import.meta.dirname, "../../..")
const bin = "packages/cli/dist/bindings.cjs"
/** Starting a process costs most of a second of CPU (parsing the bundle, loading effect): a few at a time. */
const MAX_PROCESSES = 3
const SPAWN_TIMEOUT = 60_000
const TEST_TIMEOUT = 150_000
const BUILD_TIMEOUT = 60_000

// The tests run the bundle of the current sources: built here whatever state dist/ is in (CI starts from a
// fresh clone). `pnpm start` below then runs the same script, which finds the bundle fresh.
beforeAll(async () => {
  const { stderr, stdout } = await promisify(execFile)("pnpm", ["--silent", "--dir", "packages/cli", "run", "build"], {
    cwd: root,
    timeout: BUILD_TIMEOUT
  })
  assert.strictEqual(stdout, "", "the build prints nothing on stdout")
  assert.strictEqual(stderr, "", "the build prints nothing on stderr when it succeeds")
}, BUILD_TIMEOUT)

const processes = Effect.unsafeMakeSemaphore(MAX_PROCESSES)

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment without any TWILIO_ variable of the machine running the tests. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TWILIO_")))

const run = (
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  onStdout?: OnStdout,
  input?: string
): Promise<Run> =>
  Effect.runPromise(processes.withPermits(1)(Effect.promise(() => spawnOnce(command, args, env, onStdout, input))))

/** Called with the text read from stdout so far; can close stdout or send the process a signal. */
type OnStdout = (text: string, close: () => void, kill: (signal: NodeJS.Signals) => void) => void

const spawnOnce = (
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  onStdout?: OnStdout,
  input?: string
): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...cleanEnv(), ...env },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"]
    })
    if (input !== undefined) child.stdin!.end(input)
    let stdout = ""
    let stderr = ""
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`timed out: ${args.join(" ")}\n${stderr}`))
    }, SPAWN_TIMEOUT)
    child.stdout!.setEncoding("utf8").on("data", (text: string) => {
      stdout += text
      onStdout?.(stdout, () => child.stdout!.destroy(), (signal) => child.kill(signal))
    })
    child.stderr!.setEncoding("utf8").on("data", (text: string) => (stderr += text))
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })

const bindings = (args: ReadonlyArray<string>, env: Record<string, string>, onStdout?: Parameters<typeof run>[3]) =>
  run(process.execPath, [bin, ...args], env, onStdout)

const credentials = (fake: FakeTwilio.FakeTwilio.Service) => ({
  TWILIO_ACCOUNT_SID: fake.accountSid,
  TWILIO_AUTH_TOKEN: Redacted.value(fake.authToken),
  TWILIO_CHAT_BASE_URL: fake.origin,
  TWILIO_CONVERSATIONS_BASE_URL: fake.origin
})

/** Runs `f` with a loopback fake that stops afterwards. */
const withServer = async <A>(
  options: FakeTwilioServer.Options,
  f: (fake: FakeTwilio.FakeTwilio.Service) => Promise<A>
): Promise<A> => {
  const scope = Effect.runSync(Scope.make())
  try {
    const fake = await Effect.runPromise(Scope.extend(FakeTwilioServer.make(options), scope))
    return await f(fake)
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
  }
}

const requestsOf = (fake: FakeTwilio.FakeTwilio.Service) => Effect.runPromise(fake.requests)

const service = Generators.serviceSid(0)
const count = 300

/** No stack trace, no Effect failure dump: at most one line per message. */
const assertNoStackTrace = (stderr: string) => {
  assert.notMatch(stderr, /^\s+at /m, stderr)
  assert.notInclude(stderr, "FiberFailure")
}

describe.concurrent("bindings (spawned, on the loopback fake)", () => {
  it(
    "prunes stale bindings: list --updated-before piped into delete --from-file - --yes; a second run finds them gone",
    () =>
      withServer({ services: [{ seed: 0, count: 60 }] }, async (fake) => {
        const env = credentials(fake)
        const bound = fake.listing(service).map((b) => b.date_updated!).sort()[20]!
        const stale = await bindings([
          "list",
          "--service",
          service,
          "--updated-before",
          bound,
          "--product",
          "conversations"
        ], env)
        assert.strictEqual(stale.code, 0, stale.stderr)
        const sids = stale.stdout.trimEnd().split("\n").map((line) => (JSON.parse(line) as { sid: string }).sid)
        assert.strictEqual(sids.length, 20)
        const args = ["delete", "--service", service, "--from-file", "-", "--yes", "--product", "conversations"]
        const first = await run(process.execPath, [bin, ...args], env, undefined, stale.stdout)
        assert.strictEqual(first.code, 0, first.stderr)
        assert.strictEqual(first.stdout, sids.map((sid) => `deleted ${sid}\n`).join(""))
        const second = await run(process.execPath, [bin, ...args], env, undefined, stale.stdout)
        assert.strictEqual(second.code, 0, second.stderr)
        assert.strictEqual(second.stdout, sids.map((sid) => `already gone ${sid}\n`).join(""))
        const left = await bindings(["list", "--service", service, "--updated-before", bound], env)
        assert.strictEqual(left.stdout, "")
        // four at a time: they land in any order, each once
        assert.deepStrictEqual((await Effect.runPromise(fake.deletions)).map((d) => d.sid).sort(), [...sids].sort())
        const unconfirmed = await run(process.execPath, [bin, "delete", "--service", service, "--sid", sids[0]!], env)
        assert.strictEqual(unconfirmed.code, 2)
        assertNoStackTrace(unconfirmed.stderr)
      }),
    TEST_TIMEOUT
  )

  it(
    "jsonl equals the fake's bindings with no filter, each filter and a limit",
    () =>
      withServer({ services: [{ seed: 0, count }] }, async (fake) => {
        const env = credentials(fake)
        const identity = fake.bindings(service)[1]!.identity!
        const [all, byType, byIdentity, limited] = await Promise.all([
          bindings(["list", "--service", service, "--page-size", "50"], env),
          bindings(["list", "--service", service, "--binding-type", "gcm", "--binding-type", "apn"], env),
          bindings(["list", "--service", service, "--identity", identity], env),
          bindings(["list", "--service", service, "--limit", "120", "--page-size", "50"], env)
        ])
        for (const result of [all, byType, byIdentity, limited]) {
          assert.strictEqual(result.code, 0, result.stderr)
          assert.strictEqual(result.stderr, "")
        }
        assert.deepStrictEqual(jsonLines(all.stdout), [...fake.bindings(service)])
        assert.deepStrictEqual(jsonLines(byType.stdout), [...fake.listing(service, { bindingType: ["gcm", "apn"] })])
        const expected = fake.listing(service, { identity: [identity] })
        assert.isAbove(expected.length, 0)
        assert.deepStrictEqual(jsonLines(byIdentity.stdout), [...expected])
        assert.deepStrictEqual(jsonLines(limited.stdout), fake.bindings(service).slice(0, 120))
      }),
    TEST_TIMEOUT
  )

  it(
    "keeps its connection open from page to page",
    () =>
      withServer({ services: [{ seed: 0, count }] }, async (fake) => {
        const result = await bindings(["list", "--service", service, "--page-size", "100"], credentials(fake))
        assert.strictEqual(result.code, 0, result.stderr)
        const requests = await requestsOf(fake)
        assert.strictEqual(requests.length, 3)
        // a new connection per page would cost a handshake and most of a millisecond of CPU each
        for (const request of requests) assert.strictEqual(request.headers.connection, "keep-alive")
      }),
    TEST_TIMEOUT
  )

  it("csv parses back to the fake's bindings", () =>
    withServer({ services: [{ seed: 0, count }] }, async (fake) => {
      const result = await bindings(["list", "--service", service, "--format", "csv"], credentials(fake))
      assert.strictEqual(result.code, 0, result.stderr)
      const [header, ...records] = parseCsv(result.stdout)
      assert.deepStrictEqual(header, [...Format.csvColumns])
      const expected = fake.bindings(service)
      assert.strictEqual(records.length, expected.length)
      records.forEach((record, i) => {
        assert.strictEqual(record[0], expected[i]!.sid)
        assert.strictEqual(record[Format.csvColumns.indexOf("identity")], expected[i]!.identity ?? "")
      })
    }), TEST_TIMEOUT)

  it(
    "bad input exits 2 with a one-line message naming the option and the rule, and sends nothing",
    () =>
      withServer({ services: [{ seed: 0, count }] }, async (fake) => {
        const env = credentials(fake)
        const cases = [
          ...invalidInputs.filter((input) => input.spawned === true).map(({ args, line }) => ({ args, env, line })),
          {
            args: ["--service", service],
            env: { TWILIO_CHAT_BASE_URL: fake.origin },
            line:
              "missing credentials: TWILIO_ACCOUNT_SID is not set; set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET), or try --demo"
          }
        ]
        const results = await Promise.all(cases.map(({ args, env }) => bindings(["list", ...args], env)))
        results.forEach((result, i) => {
          assert.strictEqual(result.code, 2, result.stderr)
          assert.strictEqual(result.stdout, "")
          assert.strictEqual(result.stderr, `bindings: ${cases[i]!.line}\n`)
        })
        assert.deepStrictEqual(await requestsOf(fake), [])
      }),
    TEST_TIMEOUT
  )

  it("--version prints the version line; --help into a pipe has no colours", async () => {
    const [version, help] = await Promise.all([bindings(["--version"], {}), bindings(["list", "--help"], {})])
    assert.strictEqual(version.code, 0)
    assert.strictEqual(version.stdout, "0.1.0\n")
    assert.strictEqual(help.code, 0)
    assert.include(help.stdout, "$ bindings list [--service IS…]")
    assert.notInclude(help.stdout, "\u001b[")
  }, TEST_TIMEOUT)

  it(
    "--log-level debug logs each retry, and a reported failure only once",
    () =>
      withServer(
        { services: [{ seed: 0, count }], faults: FaultPlan.script([FaultPlan.Fault.ServerError({ status: 500 })]) },
        async (fake) => {
          const env = { ...credentials(fake), TWILIO_RETRY_BASE_DELAY: "1 millis", TWILIO_RETRY_MAX_DELAY: "1 millis" }
          const retried = await bindings(["list", "--service", service, "--limit", "1", "--log-level", "debug"], env)
          assert.strictEqual(retried.code, 0, retried.stderr)
          assert.include(retried.stderr, "retrying Twilio request")
          const failed = await bindings(["--log-level", "debug", "list", "--service", Generators.serviceSid(99)], env)
          assert.strictEqual(failed.code, 1)
          assert.notInclude(failed.stderr, "Fiber terminated")
          assertNoStackTrace(failed.stderr)
          assert.strictEqual(failed.stderr.split("\n").filter((line) => line.startsWith("bindings: ")).length, 1)
        }
      ),
    TEST_TIMEOUT
  )

  it(
    "SIGTERM exits 143 and SIGINT 130, the output ending on a line boundary",
    () =>
      withServer({ services: [{ seed: 2, count: 5000 }], latency: "50 millis" }, async (fake) => {
        const big = Generators.serviceSid(2)
        const [terminated, interrupted] = await Promise.all((["SIGTERM", "SIGINT"] as const).map((signal) => {
          let sent = false
          return bindings(["list", "--service", big, "--page-size", "10"], credentials(fake), (text, _close, kill) => {
            if (!sent && text.split("\n").length > 30) {
              sent = true
              kill(signal)
            }
          })
        }))
        assert.strictEqual(terminated!.code, 143, terminated!.stderr)
        assert.strictEqual(interrupted!.code, 130, interrupted!.stderr)
        for (const result of [terminated!, interrupted!]) {
          assert.isTrue(result.stdout.endsWith("\n"))
          assert.strictEqual(result.stderr, "")
        }
      }),
    TEST_TIMEOUT
  )

  it("under 30% retryable faults every binding is exported exactly once", () =>
    withServer({
      services: [{ seed: 1, count: 400 }],
      faults: FaultPlan.random({
        seed: 7,
        probability: 0.3,
        faults: FaultPlan.retryableFaults({ retryAfterSeconds: 0, slowDelay: "20 millis" })
      })
    }, async (fake) => {
      const faulted = Generators.serviceSid(1)
      const result = await bindings(["list", "--service", faulted, "--page-size", "25", "--request-timeout", "1"], {
        ...credentials(fake),
        TWILIO_RETRY_BASE_DELAY: "5 millis",
        TWILIO_RETRY_MAX_DELAY: "20 millis"
      })
      assert.strictEqual(result.code, 0, result.stderr)
      assert.deepStrictEqual(jsonLines(result.stdout), [...fake.bindings(faulted)])
      const requests = await requestsOf(fake)
      assert.isAbove(requests.filter((request) => request.fault !== undefined).length, 2, "faults were injected")
    }), TEST_TIMEOUT)

  it(
    "a next_page_url on a foreign origin exits 1, keeps the lines written, sends no credentials there",
    () =>
      withServer(
        { services: [{ seed: 0, count }], faults: FaultPlan.script([FaultPlan.Fault.ForeignNextPage({})]) },
        async (fake) => {
          const result = await bindings(["list", "--service", service, "--page-size", "100"], credentials(fake))
          assert.strictEqual(result.code, 1)
          assert.deepStrictEqual(jsonLines(result.stdout), fake.bindings(service).slice(0, 100))
          assert.include(result.stderr, `refused to send credentials to ${fake.foreignOrigin}`)
          assert.strictEqual(result.stderr.split("\n").length, 2, result.stderr)
          assert.notInclude(result.stderr + result.stdout, Redacted.value(fake.authToken))
          const requests = await requestsOf(fake)
          assert.isFalse(requests.some((request) => request.foreign), "nothing reached the foreign origin")
        }
      ),
    TEST_TIMEOUT
  )

  it(
    "a reader that closes the pipe early ends the run with 0, quietly, without listing on",
    () =>
      withServer({ services: [{ seed: 2, count: 5000 }], latency: "5 millis" }, async (fake) => {
        const big = Generators.serviceSid(2)
        const result = await bindings(
          ["list", "--service", big, "--page-size", "10"],
          credentials(fake),
          (text, close) => {
            if (text.split("\n").length > 3) close()
          }
        )
        assert.strictEqual(result.code, 0, result.stderr)
        assert.strictEqual(result.stderr, "")
        assert.isBelow((await requestsOf(fake)).length, 500, "it stopped listing")
      }),
    TEST_TIMEOUT
  )

  it(
    "loads the code that measures text only to draw a table: a listing to a pipe never pays for it",
    () =>
      withServer({ services: [{ seed: 0, count: 5 }] }, async (fake) => {
        const probe = Path.join(root, "packages/cli/test/segmenterProbe.cjs")
        const env = { ...credentials(fake), NODE_OPTIONS: `--require "${probe}"` }
        const [jsonl, csv, table] = await Promise.all([
          bindings(["list", "--service", service], env),
          bindings(["list", "--service", service, "--format", "csv"], env),
          bindings(["list", "--service", service, "--format", "table"], env)
        ])
        for (const result of [jsonl, csv, table]) assert.strictEqual(result.code, 0, result.stderr)
        assert.notInclude(jsonl.stderr + csv.stderr, "probe: Intl.Segmenter made")
        assert.include(table.stderr, "probe: Intl.Segmenter made")
        assert.strictEqual(table.stdout.split("\n").length, 1 + 5 + 1)
      }),
    TEST_TIMEOUT
  )

  it("pnpm start lists the demo service and exits 0", async () => {
    const result = await run("pnpm", ["--silent", "start"], {})
    assert.strictEqual(result.code, 0, result.stderr)
    const lines = jsonLines(result.stdout)
    assert.strictEqual(lines.length, 300)
    assert.strictEqual(result.stderr, "", "stderr is not a terminal: no note, no progress")
  }, TEST_TIMEOUT)
})
