import { assert, describe, it } from "@effect/vitest"
import { Binding } from "@twilio-bindings/domain"
import { FakeTwilio, FaultPlan, Generators } from "@twilio-bindings/testing"
import { Effect, Redacted, Schema } from "effect"
import { Output } from "../src/index.js"
import * as Csv from "../src/internal/csv.js"
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
      const [header, ...records] = Csv.parse(result.stdout)
      assert.deepStrictEqual(header, [...Output.csvColumns])
      assert.deepStrictEqual(
        records.map((record) => record[Output.csvColumns.indexOf("identity")]),
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
      assert.deepStrictEqual(Csv.parse(result.stdout), [[...Output.csvColumns]])
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
  const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>, string]> = [
    ["a bad service SID", ["--service", "IS123"], "invalid --service: ServiceSid must be 34 characters"],
    [
      "a service SID of another kind",
      ["--service", "AC0123456789abcdef0123456789abcdef"],
      "invalid --service: ServiceSid must start with \"IS\""
    ],
    [
      "page size 0",
      ["--service", service, "--page-size", "0"],
      "invalid --page-size: must be a whole number from 1 to 1000, got 0"
    ],
    [
      "page size 1001",
      ["--service", service, "--page-size", "1001"],
      "invalid --page-size: must be a whole number from 1 to 1000, got 1001"
    ],
    [
      "page size abc",
      ["--service", service, "--page-size", "abc"],
      "invalid --page-size: must be a whole number from 1 to 1000, got \"abc\""
    ],
    [
      "binding type sms",
      ["--service", service, "--binding-type", "sms"],
      "invalid --binding-type: binding type must be one of gcm, apn, fcm, got \"sms\""
    ],
    [
      "a negative limit",
      ["--service", service, "--limit", "-1"],
      "invalid --limit: must be a whole number >= 0, got -1"
    ],
    [
      "a zero timeout",
      ["--service", service, "--request-timeout", "0"],
      "invalid --request-timeout: must be a positive number of seconds, got 0"
    ],
    [
      "negative retries",
      ["--service", service, "--max-retries", "-2"],
      "invalid --max-retries: must be a whole number from 0 to 1000, got -2"
    ],
    [
      "an http base URL off loopback",
      ["--service", service, "--base-url", "http://example.com"],
      "invalid --base-url: must use https"
    ],
    ["no service", [], "invalid --service: is required"]
  ]
  for (const [name, args, message] of cases) {
    it.effect(`${name}: exit 2, one line naming the option and the rule, no request`, () =>
      Effect.gen(function*() {
        const result = yield* runInProcess(["list", ...args])
        assert.strictEqual(result.exitCode, 2)
        assert.strictEqual(result.stdout, "")
        assert.isTrue(result.stderr.startsWith(`bindings: ${message}`), result.stderr)
        assert.strictEqual(result.stderr.split("\n").length, 2, "one line")
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

  it.effect("a bad choice of format is @effect/cli's parse error: exit 2, nothing sent", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service, "--format", "xml"])
      assert.strictEqual(result.exitCode, 2)
      assert.strictEqual(result.stderr, "bindings: invalid arguments; see bindings list --help\n")
      assert.deepStrictEqual(result.requests, [])
    }).pipe(Effect.provide(FakeLayer)))
})

describe("bindings list: failures (in-process)", () => {
  it.effect("an API error exits 1 with status, Twilio code, message and the resume cursor, never the token", () =>
    Effect.gen(function*() {
      const unknown = Generators.serviceSid(99)
      const result = yield* runInProcess(["list", "--service", unknown])
      assert.strictEqual(result.exitCode, 1)
      assert.match(
        result.stderr,
        /^bindings: listing failed after 0 bindings: Twilio answered 404 \(Twilio code 20404\): .+; resume with --start-at ".+\/v2\/Services\/IS[0-9a-f]{32}\/Bindings"\n$/
      )
      const token = Redacted.value(result.fake.authToken)
      assert.notInclude(result.stderr, token)
      assert.notInclude(result.stdout, token)
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

  it.effect("a next page on another origin exits 1 and sends nothing there", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([FaultPlan.Fault.ForeignNextPage({})]))
      const result = yield* runInProcess(["list", "--service", service, "--page-size", "100"])
      assert.strictEqual(result.exitCode, 1)
      assert.strictEqual(jsonLines(result.stdout).length, 100)
      assert.include(result.stderr, "refused to send credentials")
      assert.isFalse(result.requests.some((request) => request.foreign))
    }).pipe(Effect.provide(FakeLayer)))
})
