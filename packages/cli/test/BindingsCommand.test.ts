import { assert, describe, it } from "@effect/vitest"
import { Binding } from "@twilio-bindings/domain"
import { FakeTwilio, FaultPlan, Generators } from "@twilio-bindings/testing"
import { Effect, Fiber, Redacted, Schema, TestClock } from "effect"
import { BindingsCommand, Format, Stdio } from "../src/index.js"
import { parseCsv } from "./csvParse.js"
import { invalidInputs } from "./invalidInputs.js"
import { awkwardBindings, credentialsOf, jsonLines, runInProcess } from "./utils.js"

const service = Generators.serviceSid(0)
const count = 230
const FakeLayer = FakeTwilio.layer({ services: [{ seed: 0, count }] })
const decodeBinding = Schema.decodeUnknown(Binding.Binding)
const encodeBinding = Schema.encode(Binding.Binding)

describe("bindings list (in-process)", () => {
  it.effect("jsonl lines decode to the fake's bindings, in order, a page per write", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service, "--page-size", "50"])
      assert.strictEqual(result.exitCode, 0)
      assert.strictEqual(result.stderr, "")
      const expected = result.fake.bindings(service)
      const lines = jsonLines(result.stdout)
      assert.strictEqual(lines.length, count)
      const decoded = yield* Effect.forEach(lines, (line) => decodeBinding(line))
      const fromFake = yield* Effect.forEach(expected, (wire) => decodeBinding(wire))
      assert.deepStrictEqual(decoded, fromFake)
      assert.deepStrictEqual(yield* Effect.forEach(decoded, (binding) => encodeBinding(binding)), [...expected])
      assert.strictEqual(result.writes.length, Math.ceil(count / 50), "one write per page")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("filters by binding type and identity, and stops at the limit", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const identity = fake.bindings(service)[0]!.identity!
      const byType = yield* runInProcess([
        "list",
        "--service",
        service,
        "--binding-type",
        "apn",
        "--binding-type",
        "fcm"
      ])
      assert.deepStrictEqual(jsonLines(byType.stdout), [...fake.listing(service, { bindingType: ["apn", "fcm"] })])
      const byIdentity = yield* runInProcess(["list", "--service", service, "--identity", identity])
      const expected = fake.listing(service, { identity: [identity] })
      assert.isAbove(expected.length, 0)
      assert.deepStrictEqual(jsonLines(byIdentity.stdout), [...expected])
      yield* fake.clearRequests
      const limited = yield* runInProcess(["list", "--service", service, "--limit", "7"])
      assert.deepStrictEqual(jsonLines(limited.stdout), fake.bindings(service).slice(0, 7))
      assert.strictEqual(limited.requests.length, 1, "a limit below a page needs one request")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("csv parses back, quoting identities with commas, quotes and line breaks", () =>
    Effect.gen(function*() {
      const awkwardService = Generators.serviceSid(5)
      const awkward = awkwardBindings(awkwardService)
      const result = yield* runInProcess(["list", "--service", awkwardService, "--format", "csv"]).pipe(
        Effect.provide(FakeTwilio.layer({ services: [{ serviceSid: awkwardService, bindings: awkward }] }))
      )
      assert.strictEqual(result.exitCode, 0)
      const [header, ...records] = parseCsv(result.stdout)
      assert.deepStrictEqual(header, [...Format.csvColumns])
      assert.deepStrictEqual(
        records.map((record) => record[Format.csvColumns.indexOf("identity")]),
        awkward.map((b) => b.identity ?? "")
      )
      assert.deepStrictEqual(records.map((record) => record[0]), awkward.map((b) => b.sid ?? ""))
    }))

  it.effect("an empty listing still writes the csv header", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess([
        "list",
        "--service",
        service,
        "--format",
        "csv",
        "--identity",
        "nobody-has-this"
      ])
      assert.strictEqual(result.exitCode, 0)
      assert.deepStrictEqual(parseCsv(result.stdout), [[...Format.csvColumns]])
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("defaults to a table on a terminal, cut to its width, with progress on a terminal's stderr", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service], {
        stdio: { stdoutIsTTY: true, stderrIsTTY: true, columns: 72 }
      })
      assert.strictEqual(result.exitCode, 0)
      const lines = result.stdout.split("\n").slice(0, -1)
      assert.strictEqual(lines.length, count + 1)
      assert.isTrue(lines[0]!.startsWith("sid "))
      for (const line of lines) assert.isAtMost(Array.from(line).length, 72)
      assert.include(result.stderr, "5 pages · 230 bindings")
      assert.include(result.stderr, "0 retries")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("cuts the progress line to a narrow terminal, which would wrap it and leave rows behind", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service, "--format", "jsonl"], {
        stdio: { stderrIsTTY: true, columns: 12 }
      })
      assert.strictEqual(result.exitCode, 0)
      const drawn = result.stderr.split("\r\u001b[2K").slice(1).map((line) => line.replace(/\n$/, ""))
      assert.isNotEmpty(drawn)
      for (const line of drawn) assert.isAtMost(Array.from(line).length, 11, line)
      assert.include(drawn, "5 pages · …")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("writes nothing on stderr when it is not a terminal", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service, "--format", "table"], {
        stdio: { columns: 100 }
      })
      assert.strictEqual(result.exitCode, 0)
      assert.strictEqual(result.stderr, "")
      assert.isTrue(result.stdout.startsWith("sid "))
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("counts retries in the progress line", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([
        undefined,
        FaultPlan.Fault.ServerError({ status: 500 }),
        FaultPlan.Fault.ServerError({ status: 502 })
      ]))
      const result = yield* runInProcess(["list", "--service", service, "--page-size", "100"], {
        stdio: { stderrIsTTY: true },
        env: (fake) => ({
          ...credentialsOf(fake),
          TWILIO_RETRY_BASE_DELAY: "1 millis",
          TWILIO_RETRY_MAX_DELAY: "1 millis"
        })
      }).pipe(FakeTwilio.runOnTestClock)
      assert.strictEqual(result.exitCode, 0)
      assert.strictEqual(jsonLines(result.stdout).length, count)
      assert.include(result.stderr, "3 pages · 230 bindings")
      assert.include(result.stderr, "2 retries")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a closed stdout ends the run quietly with 0 and stops requesting pages", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service, "--page-size", "20"], {
        stdio: { closeStdoutAfterWrites: 1 }
      })
      assert.strictEqual(result.exitCode, 0)
      assert.strictEqual(result.stderr, "")
      assert.strictEqual(jsonLines(result.stdout).length, 20)
      assert.strictEqual(result.requests.length, 2, "the page whose write failed was the last one requested")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("--demo lists the embedded sample service and says so on a terminal", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--demo", "--limit", "5"], {
        stdio: { stderrIsTTY: true },
        env: () => ({})
      }).pipe(FakeTwilio.runOnTestClock)
      assert.strictEqual(result.exitCode, 0)
      assert.strictEqual(jsonLines(result.stdout).length, 5)
      assert.include(result.stderr, "demo:")
      assert.strictEqual(result.requests.length, 0, "the demo does not use the HttpClient in context")
    }).pipe(Effect.provide(FakeLayer)))
})

describe("bindings list: invalid input (in-process)", () => {
  for (const { args, line, name } of invalidInputs) {
    it.effect(`${name}: exit 2, one line naming the option and the rule, no request`, () =>
      Effect.gen(function*() {
        const result = yield* runInProcess(["list", ...args])
        assert.strictEqual(result.exitCode, 2)
        assert.strictEqual(result.stdout, "")
        assert.strictEqual(result.stderr, `bindings: ${line}\n`)
        assert.deepStrictEqual(result.requests, [])
      }).pipe(Effect.provide(FakeLayer)))
  }

  it.effect("missing credentials: exit 2, names the variable, no request", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service], { env: () => ({}) })
      assert.strictEqual(result.exitCode, 2)
      assert.strictEqual(
        result.stderr,
        "bindings: missing credentials: TWILIO_ACCOUNT_SID is not set; set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET), or try --demo\n"
      )
      assert.deepStrictEqual(result.requests, [])
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a missing auth token: exit 2, names the variable", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service], {
        env: (fake) => ({ TWILIO_ACCOUNT_SID: fake.accountSid })
      })
      assert.strictEqual(result.exitCode, 2)
      assert.include(result.stderr, "missing credentials: TWILIO_AUTH_TOKEN is required")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("no command, or another one: exit 2, one line", () =>
    Effect.gen(function*() {
      for (
        const [args, line] of [
          [[], "a command is required: bindings list|get|delete …; see bindings --help"],
          [["export"], "unknown command \"export\"; see bindings --help"],
          [["list", "extra"], "unexpected argument \"extra\"; see bindings --help"]
        ] as const
      ) {
        const result = yield* runInProcess(args)
        assert.strictEqual(result.exitCode, 2)
        assert.strictEqual(result.stderr, `bindings: ${line}\n`)
      }
    }).pipe(Effect.provide(FakeLayer)))
})

describe("bindings: --help, --version, --log-level (in-process)", () => {
  it.effect("--version prints the version and nothing more", () =>
    Effect.gen(function*() {
      for (const args of [["--version"], ["list", "--version"]]) {
        const result = yield* runInProcess(args)
        assert.strictEqual(result.exitCode, 0)
        assert.strictEqual(result.stdout, `${BindingsCommand.VERSION}\n`)
        assert.strictEqual(result.stderr, "")
      }
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("--help shows usage with optional and repeatable options bracketed, in plain text when not a terminal", () =>
    Effect.gen(function*() {
      for (const args of [["--help"], ["list", "--help"], ["list", "-h"]]) {
        const result = yield* runInProcess(args)
        assert.strictEqual(result.exitCode, 0)
        assert.notInclude(result.stdout, "\u001b[")
        assert.include(result.stdout, "$ bindings list [--service IS…] [--product chat|conversations]")
        assert.include(
          result.stdout,
          "[--binding-type gcm|apn|fcm|twilsock]... [--identity identity]... [--page-size 1..1000]"
        )
        assert.include(result.stdout, "$ bindings get [--service IS…]")
        assert.include(result.stdout, "--sid BS…")
        assert.include(result.stdout, "[--from-file file|-]")
        assert.include(result.stdout, "--log-level")
        assert.notInclude(result.stdout, "A user-defined piece of text.", "the placeholder says what the value is")
        assert.strictEqual(result.stderr, "")
      }
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("--help has colours on a terminal, unless NO_COLOR is set", () =>
    Effect.gen(function*() {
      const terminal = yield* runInProcess(["--help"], { stdio: { stdoutIsTTY: true } })
      assert.include(terminal.stdout, "\u001b[")
      const noColor = yield* runInProcess(["--help"], {
        stdio: { stdoutIsTTY: true },
        env: (fake) => ({ ...credentialsOf(fake), NO_COLOR: "1" })
      })
      assert.notInclude(noColor.stdout, "\u001b[")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("--log-level is accepted before and after list", () =>
    Effect.gen(function*() {
      for (const args of [["--log-level", "warning", "list"], ["list", "--log-level=warning"]]) {
        const result = yield* runInProcess([...args, "--service", service, "--limit", "3"])
        assert.strictEqual(result.exitCode, 0, result.stderr)
        assert.strictEqual(jsonLines(result.stdout).length, 3)
      }
    }).pipe(Effect.provide(FakeLayer)))
})

describe("bindings list: retries (in-process)", () => {
  const fastRetries = (fake: FakeTwilio.FakeTwilio.Service) => ({
    ...credentialsOf(fake),
    TWILIO_RETRY_BASE_DELAY: "1 millis",
    TWILIO_RETRY_MAX_DELAY: "1 millis"
  })

  it.effect("--max-retries 0 sends each request once; --max-retries 1 retries once", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([FaultPlan.Fault.ServerError({ status: 500 })]))
      const none = yield* FakeTwilio.runOnTestClock(runInProcess(["list", "--service", service, "--max-retries", "0"], {
        env: fastRetries
      }))
      assert.strictEqual(none.exitCode, 1)
      assert.strictEqual(none.requests.length, 1)
      yield* fake.clearRequests
      yield* fake.setFaultPlan(FaultPlan.script([FaultPlan.Fault.ServerError({ status: 500 })]))
      const one = yield* FakeTwilio.runOnTestClock(
        runInProcess(["list", "--service", service, "--max-retries", "1", "--limit", "5"], {
          env: fastRetries
        })
      )
      assert.strictEqual(one.exitCode, 0, one.stderr)
      assert.strictEqual(one.requests.length, 2)
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("the progress line counts a retry per request sent again, and nothing else", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const unknown = Generators.serviceSid(99)
      const refused = yield* runInProcess(["list", "--service", unknown], { stdio: { stderrIsTTY: true } })
      assert.strictEqual(refused.exitCode, 1)
      assert.strictEqual(refused.requests.length, 1)
      assert.include(refused.stderr, "0 pages · 0 bindings")
      assert.include(refused.stderr, "0 retries")
      yield* fake.clearRequests
      yield* fake.setFaultPlan(
        FaultPlan.script([
          FaultPlan.Fault.ServerError({ status: 500 }),
          FaultPlan.Fault.ServerError({ status: 500 }),
          FaultPlan.Fault.ServerError({ status: 500 })
        ])
      )
      const exhausted = yield* FakeTwilio.runOnTestClock(
        runInProcess(["list", "--service", service, "--max-retries", "2"], {
          stdio: { stderrIsTTY: true },
          env: fastRetries
        })
      )
      assert.strictEqual(exhausted.exitCode, 1)
      assert.strictEqual(exhausted.requests.length, 3)
      assert.include(exhausted.stderr, "2 retries")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("an interrupted listing counts no retry for the request in flight", () =>
    Effect.gen(function*() {
      const memory = Stdio.memory({ stderrIsTTY: true })
      const fiber = yield* Effect.fork(runInProcess(["list", "--service", service, "--page-size", "50"], { memory }))
      // The first page takes a second: after one and a half, the second request is in flight.
      for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
      yield* TestClock.adjust("1500 millis")
      for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
      yield* Fiber.interrupt(fiber)
      assert.strictEqual(jsonLines(memory.stdout()).length, 50)
      assert.match(memory.stderr(), /1 page · 50 bindings · [\d,]+\/s · 0 retries\n$/)
    }).pipe(Effect.provide(FakeTwilio.layer({ services: [{ seed: 0, count }], latency: "1 second" }))))
})

describe("bindings list: failures (in-process)", () => {
  it.effect("a refusal exits 1 with status, Twilio code and message, no resume hint, never the token", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const unknown = Generators.serviceSid(99)
      const notFound = yield* runInProcess(["list", "--service", unknown])
      assert.strictEqual(notFound.exitCode, 1)
      assert.match(
        notFound.stderr,
        /^bindings: listing failed after 0 bindings: Twilio answered 404 \(Twilio code 20404\): [^\n]+\n$/
      )
      const unauthorized = yield* runInProcess(["list", "--service", service], {
        env: (fake) => ({ ...credentialsOf(fake), TWILIO_AUTH_TOKEN: "not-the-token" })
      })
      assert.strictEqual(unauthorized.exitCode, 1)
      assert.include(unauthorized.stderr, "Twilio answered 401")
      for (const result of [notFound, unauthorized]) {
        assert.notInclude(result.stderr, "resume", "resuming would meet the same refusal")
        assert.notInclude(result.stderr + result.stdout, Redacted.value(fake.authToken))
      }
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a server error after every retry exits 1 with the page to resume from", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([undefined, FaultPlan.Fault.ServerError({ status: 500 })]))
      const result = yield* runInProcess(["list", "--service", service, "--page-size", "100", "--max-retries", "0"])
      assert.strictEqual(result.exitCode, 1)
      assert.match(
        result.stderr,
        /^bindings: listing failed after 100 bindings: Twilio answered 500[^\n]*; resume with --start-at "http[^"]+\/v2\/Services\/IS[0-9a-f]{32}\/Bindings\?[^"]+"\n$/
      )
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("an error line stays short however long the URL it is about", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([FaultPlan.Fault.NotJson()]))
      const result = yield* runInProcess(["list", "--service", service, "--identity", "x".repeat(10_000)])
      assert.strictEqual(result.exitCode, 1)
      assert.strictEqual(result.stderr.split("\n").length, 2, "one line")
      assert.isBelow(result.stderr.length, 1000)
      assert.include(result.stderr, "the page URL to resume from is too long to print")
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a page URL with a user and password, on another origin or of another service: exit 2, never the password", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const first = fake.firstPageUrl(service)
      const cases = [
        [first.replace("://", "://user:hunter2@"), "must not carry a user name or password"],
        [first.replace(fake.origin, "https://evil.example"), "must be on "],
        [first.replace(service, Generators.serviceSid(1)), "must be a page URL of "]
      ] as const
      for (const [url, rule] of cases) {
        const result = yield* runInProcess(["list", "--service", service, "--start-at", url])
        assert.strictEqual(result.exitCode, 2)
        assert.isTrue(result.stderr.startsWith(`bindings: invalid --start-at: ${rule}`), result.stderr)
        assert.strictEqual(result.stderr.split("\n").length, 2, "one line")
        assert.notInclude(result.stderr, "hunter2")
        assert.notInclude(result.stderr, "resume")
      }
      assert.deepStrictEqual(yield* fake.requests, [])
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a malformed variable is named with its rule; an option given in its place is used instead", () =>
    Effect.gen(function*() {
      const env = (fake: FakeTwilio.FakeTwilio.Service) => ({ ...credentialsOf(fake), TWILIO_MAX_RETRIES: "lots" })
      const refused = yield* runInProcess(["list", "--service", service], { env })
      assert.strictEqual(refused.exitCode, 2)
      assert.strictEqual(
        refused.stderr,
        "bindings: invalid configuration: TWILIO_MAX_RETRIES must be a whole number from 0 to 1000, got \"lots\"\n"
      )
      const overridden = yield* runInProcess(["list", "--service", service, "--max-retries", "1", "--limit", "1"], {
        env
      })
      assert.strictEqual(overridden.exitCode, 0, overridden.stderr)
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a failure after some pages keeps the lines written, and --start-at resumes without loss or repeats", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([undefined, FaultPlan.Fault.NotJson()]))
      const first = yield* runInProcess(["list", "--service", service, "--page-size", "100"])
      assert.strictEqual(first.exitCode, 1)
      assert.strictEqual(jsonLines(first.stdout).length, 100)
      const cursor = /--start-at "([^"]+)"/.exec(first.stderr)?.[1]
      assert.isDefined(cursor)
      const rest = yield* runInProcess(["list", "--service", service, "--start-at", cursor!])
      assert.strictEqual(rest.exitCode, 0)
      assert.deepStrictEqual([...jsonLines(first.stdout), ...jsonLines(rest.stdout)], [...fake.bindings(service)])
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a next page on another origin exits 1, sends nothing there, and gives no resume hint", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([FaultPlan.Fault.ForeignNextPage({})]))
      const result = yield* runInProcess(["list", "--service", service, "--page-size", "100"])
      assert.strictEqual(result.exitCode, 1)
      assert.strictEqual(jsonLines(result.stdout).length, 100)
      assert.include(result.stderr, "refused to send credentials")
      assert.notInclude(result.stderr, "resume")
      assert.isFalse(result.requests.some((request) => request.foreign))
    }).pipe(Effect.provide(FakeLayer)))
})
