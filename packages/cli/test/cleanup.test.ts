import { assert, describe, it } from "@effect/vitest"
import { FakeTwilio, FaultPlan, Generators } from "@twilio-bindings/testing"
import { Duration, Effect } from "effect"
import { jsonLines, runInProcess } from "./utils.js"

const service = Generators.serviceSid(0)
const count = 40
const FakeLayer = FakeTwilio.layer({ services: [{ seed: 3, count, serviceSid: service }] })

const sidsOf = (records: ReadonlyArray<unknown>) => records.map((record) => (record as { sid: string }).sid)
const deletesOf = (requests: ReadonlyArray<FakeTwilio.RecordedRequest>) =>
  requests.filter((request) => request.method === "DELETE")

describe("bindings list: products and date filters (in-process)", () => {
  it.effect("--product conversations lists the same bindings in Conversations' form, from /v1", () =>
    Effect.gen(function*() {
      const result = yield* runInProcess(["list", "--service", service, "--product", "conversations"])
      assert.strictEqual(result.exitCode, 0, result.stderr)
      assert.deepStrictEqual(jsonLines(result.stdout), [...result.fake.conversationsListing(service)])
      assert.isTrue(result.requests.every((request) => new URL(request.url).pathname.startsWith("/v1/")))
      const csv = yield* runInProcess(["list", "--service", service, "--product", "conversations", "--format", "csv"])
      assert.match(csv.stdout, /^sid,account_sid,chat_service_sid,/)
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("each product's rules: twilsock only on Conversations, pages of at most 100 there", () =>
    Effect.gen(function*() {
      const twilsock = yield* runInProcess(["list", "--service", service, "--binding-type", "twilsock"])
      assert.strictEqual(twilsock.exitCode, 2)
      assert.strictEqual(
        twilsock.stderr,
        "bindings: invalid --binding-type: binding type must be one of gcm, apn, fcm, got \"twilsock\"\n"
      )
      const big = yield* runInProcess([
        "list",
        "--service",
        service,
        "--product",
        "conversations",
        "--page-size",
        "101"
      ])
      assert.strictEqual(big.exitCode, 2)
      assert.strictEqual(
        big.stderr,
        "bindings: invalid --page-size: must be a whole number from 1 to 100 for conversations, got 101\n"
      )
      const product = yield* runInProcess(["list", "--service", service, "--product", "sms"])
      assert.strictEqual(product.exitCode, 2)
      assert.include(product.stderr, "invalid --product: must be one of chat, conversations, got \"sms\"")
      const ok = yield* runInProcess([
        "list",
        "--service",
        service,
        "--product",
        "conversations",
        "--binding-type",
        "twilsock"
      ])
      assert.strictEqual(ok.exitCode, 0, ok.stderr)
      assert.strictEqual(twilsock.requests.length + big.requests.length + product.requests.length, 0)
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("--product conversations --binding-type twilsock lists the twilsock bindings, which Chat never shows", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const twilsock = yield* runInProcess([
        "list",
        "--service",
        service,
        "--product",
        "conversations",
        "--binding-type",
        "twilsock"
      ])
      assert.strictEqual(twilsock.exitCode, 0, twilsock.stderr)
      const expected = fake.conversationsListing(service, { bindingType: ["twilsock"] })
      assert.isAbove(expected.length, 0)
      assert.deepStrictEqual(jsonLines(twilsock.stdout), [...expected])
      const chat = yield* runInProcess(["list", "--service", service, "--format", "csv"])
      assert.notInclude(chat.stdout, "twilsock")
    }).pipe(Effect.provide(FakeTwilio.layer({ services: [{ seed: 3, count, serviceSid: service, twilsock: 0.3 }] }))))

  it.effect("--updated-before and --created-before keep the bindings strictly before, and --limit counts those written", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const all = fake.listing(service)
      const dates = all.map((b) => b.date_updated!).sort()
      const bound = dates[Math.floor(dates.length / 2)]!
      const before = (text: string | null) => text !== null && Date.parse(text) < Date.parse(bound)
      const updated = yield* runInProcess(["list", "--service", service, "--updated-before", bound, "--page-size", "7"])
      assert.strictEqual(updated.exitCode, 0, updated.stderr)
      assert.deepStrictEqual(sidsOf(jsonLines(updated.stdout)), sidsOf(all.filter((b) => before(b.date_updated))))
      const created = yield* runInProcess(["list", "--service", service, "--created-before", bound])
      assert.deepStrictEqual(sidsOf(jsonLines(created.stdout)), sidsOf(all.filter((b) => before(b.date_created))))
      // the limit counts the records written: it cuts a page that holds more than it allows (PageSize
      // 10) or spans pages (PageSize 2), and no page is requested once it is reached
      for (const pageSize of ["2", "10"]) {
        const requestsBefore = (yield* fake.requests).length
        const limited = yield* runInProcess(
          ["list", "--service", service, "--updated-before", bound, "--limit", "3", "--page-size", pageSize]
        )
        assert.deepStrictEqual(
          sidsOf(jsonLines(limited.stdout)),
          sidsOf(all.filter((b) => before(b.date_updated))).slice(0, 3)
        )
        if (pageSize === "10") assert.strictEqual((yield* fake.requests).length - requestsBefore, 1)
      }
      const day = yield* runInProcess(["list", "--service", service, "--updated-before", "1970-01-01"])
      assert.strictEqual(day.stdout, "")
      const sent = (yield* fake.requests).length
      const bad = yield* runInProcess(["list", "--service", service, "--updated-before", "2025-13-01"])
      assert.strictEqual(bad.exitCode, 2)
      assert.match(bad.stderr, /^bindings: invalid --updated-before: must be a date \(YYYY-MM-DD, UTC\)/)
      assert.strictEqual(bad.requests.length, sent)
    }).pipe(Effect.provide(FakeLayer)))
})

describe("bindings get (in-process)", () => {
  it.effect("writes the binding on either product; exit 1 with one line when there is none", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const [binding] = fake.listing(service)
      const chat = yield* runInProcess(["get", "--service", service, "--sid", binding!.sid!])
      assert.strictEqual(chat.exitCode, 0, chat.stderr)
      assert.deepStrictEqual(jsonLines(chat.stdout), [binding])
      const conversations = yield* runInProcess([
        "get",
        "--service",
        service,
        "--sid",
        binding!.sid!,
        "--product",
        "conversations"
      ])
      assert.deepStrictEqual(jsonLines(conversations.stdout), [fake.conversationsListing(service)[0]])
      const missing = "BS00000000000000000000000000000000"
      const none = yield* runInProcess(["get", "--service", service, "--sid", missing])
      assert.strictEqual(none.exitCode, 1)
      assert.strictEqual(none.stdout, "")
      assert.strictEqual(none.stderr, `bindings: no binding ${missing} in service ${service}\n`)
      // a service that does not exist is named as what is missing, not the binding
      const unknown = "IS00000000000000000000000000000009"
      const noService = yield* runInProcess(["get", "--service", unknown, "--sid", binding!.sid!])
      assert.strictEqual(noService.exitCode, 1)
      assert.strictEqual(noService.stdout, "")
      assert.strictEqual(
        noService.stderr,
        `bindings: no chat service ${unknown}: Twilio answered 404 to its bindings; check --service and --product\n`
      )
      const twice = yield* runInProcess(["get", "--service", service, "--sid", missing, "--sid", missing])
      assert.strictEqual(twice.exitCode, 2)
      assert.strictEqual(twice.stderr, "bindings: invalid --sid: was given more than once; it takes one value\n")
      const other = yield* runInProcess(["get", "--service", service, "--sid", missing, "--limit", "1"])
      assert.strictEqual(
        other.stderr,
        "bindings: invalid --limit: is not an option of bindings get; see bindings --help\n"
      )
    }).pipe(Effect.provide(FakeLayer)))
})

describe("bindings delete (in-process)", () => {
  it.effect("deletes the bindings given, one line each; run again, they are already gone", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const [a, b] = fake.listing(service).map((binding) => binding.sid!)
      const args = ["delete", "--service", service, "--sid", a!, "--sid", b!, "--sid", a!, "--yes"]
      const first = yield* runInProcess(args)
      assert.strictEqual(first.exitCode, 0, first.stderr)
      assert.strictEqual(first.stdout, `deleted ${a}\ndeleted ${b}\n`)
      const again = yield* runInProcess(args)
      assert.strictEqual(again.exitCode, 0)
      assert.strictEqual(again.stdout, `already gone ${a}\nalready gone ${b}\n`)
      assert.deepStrictEqual((yield* fake.deletions).map((d) => d.sid).sort(), [a, b].sort())
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("prunes what list wrote: list --updated-before | delete --from-file - --yes", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const all = fake.listing(service)
      const bound = all.map((b) => b.date_updated!).sort()[10]!
      const stale = yield* runInProcess(["list", "--service", service, "--updated-before", bound])
      const staleSids = sidsOf(jsonLines(stale.stdout))
      assert.isAbove(staleSids.length, 0)
      const pruned = yield* runInProcess(
        ["delete", "--service", service, "--from-file", "-", "--yes", "--product", "conversations"],
        { stdio: { stdin: stale.stdout } }
      )
      assert.strictEqual(pruned.exitCode, 0, pruned.stderr)
      assert.strictEqual(pruned.stdout, staleSids.map((sid) => `deleted ${sid}\n`).join(""))
      const left = yield* runInProcess(["list", "--service", service])
      assert.deepStrictEqual(sidsOf(jsonLines(left.stdout)), sidsOf(all).filter((sid) => !staleSids.includes(sid)))
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("sends no DELETE without confirmation: --yes is required off a terminal; a terminal is asked once", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const sid = fake.listing(service)[0]!.sid!
      const args = ["delete", "--service", service, "--sid", sid]
      const piped = yield* runInProcess(args)
      assert.strictEqual(piped.exitCode, 2)
      assert.match(piped.stderr, /^bindings: invalid --yes: is required to delete when stdin is not a terminal/)
      const fromStdin = yield* runInProcess(
        ["delete", "--service", service, "--from-file", "-"],
        { stdio: { stdinIsTTY: true, stdin: "" } }
      )
      assert.strictEqual(fromStdin.exitCode, 2)
      const declined = yield* runInProcess(args, { stdio: { stdinIsTTY: true, stdin: "n\n" } })
      assert.strictEqual(declined.exitCode, 1)
      assert.include(declined.stderr, `Delete 1 binding of chat service ${service}? [y/N] `)
      assert.include(declined.stderr, "bindings: not confirmed: none of the 1 bindings was deleted")
      const silent = yield* runInProcess(args, { stdio: { stdinIsTTY: true, stdin: "" } })
      assert.strictEqual(silent.exitCode, 1)
      assert.strictEqual(deletesOf(yield* fake.requests).length, 0)
      const accepted = yield* runInProcess(args, { stdio: { stdinIsTTY: true, stdin: "yes\n" } })
      assert.strictEqual(accepted.exitCode, 0)
      assert.strictEqual(accepted.stdout, `deleted ${sid}\n`)
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a service that does not exist deletes nothing and says so, rather than reporting every binding gone", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const sid = fake.listing(service)[0]!.sid!
      const unknown = "IS00000000000000000000000000000009"
      for (const dryRun of [[], ["--dry-run"]]) {
        const result = yield* runInProcess(["delete", "--service", unknown, "--sid", sid, "--yes", ...dryRun])
        assert.strictEqual(result.exitCode, 1)
        assert.strictEqual(result.stdout, "")
        assert.strictEqual(
          result.stderr,
          `bindings: cannot delete from chat service ${unknown}: Twilio has no such service (404); nothing was deleted\n`
        )
        assert.strictEqual(deletesOf(result.requests).length, 0)
      }
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("--dry-run prints what would be deleted and sends no DELETE", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const sids = fake.listing(service).slice(0, 3).map((b) => b.sid!)
      const result = yield* runInProcess([
        "delete",
        "--service",
        service,
        "--dry-run",
        ...sids.flatMap((s) => ["--sid", s])
      ])
      assert.strictEqual(result.exitCode, 0, result.stderr)
      assert.strictEqual(result.stdout, sids.map((sid) => `would delete ${sid}\n`).join(""))
      assert.strictEqual(deletesOf(result.requests).length, 0)
      assert.deepStrictEqual(yield* fake.deletions, [])
    }).pipe(Effect.provide(FakeLayer)))

  const refused: ReadonlyArray<readonly [string, ReadonlyArray<string>, string, (string | undefined)?, string?]> = [
    ["no binding", [], "invalid --sid: is required: the bindings to delete (or --from-file with list's JSON Lines)"],
    [
      "--sid and --from-file",
      ["--sid", "BS0123456789abcdef0123456789abcdef", "--from-file", "-"],
      "invalid --from-file: cannot be combined with --sid: give the bindings one way"
    ],
    [
      "a bad SID",
      ["--sid", "BS12"],
      "invalid --sid: BindingSid must be 34 characters (\"BS\" followed by 32 hex digits), got 4"
    ],
    [
      "concurrency 0",
      ["--sid", "BS0123456789abcdef0123456789abcdef", "--concurrency", "0"],
      "invalid --concurrency: must be a whole number from 1 to 16, got 0"
    ],
    [
      "concurrency 17",
      ["--sid", "BS0123456789abcdef0123456789abcdef", "--concurrency", "17"],
      "invalid --concurrency: must be a whole number from 1 to 16, got 17"
    ],
    [
      "a line that is not JSON",
      ["--from-file", "-"],
      "invalid --from-file: line 2 is not JSON: \"=cmd|' /C calc'!A0\"",
      `{"sid":"BS0123456789abcdef0123456789abcdef","service_sid":"${service}"}\n=cmd|' /C calc'!A0\n`
    ],
    [
      "a line of another service",
      ["--from-file", "-"],
      "invalid --from-file: line 1 belongs to service \"IS00000000000000000000000000000001\", not " + service +
      ": nothing of another service is deleted",
      `{"sid":"BS0123456789abcdef0123456789abcdef","service_sid":"IS00000000000000000000000000000001"}\n`
    ],
    [
      "a line without a SID",
      ["--from-file", "-"],
      "invalid --from-file: line 3 has no binding SID: sid must be BS followed by 32 hex digits",
      `\n\n{"service_sid":"${service}"}\n`
    ],
    [
      "no --sid for get",
      [],
      "invalid --sid: is required: the binding to show (BS followed by 32 hex digits)",
      undefined,
      "get"
    ],
    [
      "a line with a byte order mark and CRLF, of another service",
      ["--from-file", "-"],
      "invalid --from-file: line 1 belongs to service \"IS00000000000000000000000000000002\"",
      `\uFEFF{"sid":"BS0123456789abcdef0123456789abcdef","service_sid":"IS00000000000000000000000000000002"}\r\n`
    ],
    [
      "a missing file",
      ["--from-file", "/nonexistent/bindings.jsonl"],
      "invalid --from-file: cannot read \"/nonexistent/bindings.jsonl\""
    ]
  ]
  for (const [name, args, line, stdin, command = "delete"] of refused) {
    it.effect(`refuses ${name} with one line and exit 2, before any request`, () =>
      Effect.gen(function*() {
        const flags = command === "delete" ? ["--yes"] : []
        const result = yield* runInProcess([command, "--service", service, ...flags, ...args], { stdio: { stdin } })
        assert.strictEqual(result.exitCode, 2)
        assert.isTrue(result.stderr.startsWith(`bindings: ${line}`), result.stderr)
        assert.strictEqual(result.stderr.split("\n").length, 2)
        assert.strictEqual(result.requests.length, 0)
      }).pipe(Effect.provide(FakeLayer)))
  }

  it.effect("never runs more than --concurrency deletions at once", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const sids = fake.listing(service).slice(0, 12).map((b) => b.sid!)
      const result = yield* FakeTwilio.runOnTestClock(
        runInProcess([
          "delete",
          "--service",
          service,
          "--yes",
          "--concurrency",
          "3",
          ...sids.flatMap((s) => ["--sid", s])
        ])
      )
      assert.strictEqual(result.exitCode, 0, result.stderr)
      // every answer takes a second: the requests arrive in waves, as many at once as run at once
      const waves = new Map<number, number>()
      for (const request of deletesOf(result.requests)) {
        waves.set(request.atMillis, (waves.get(request.atMillis) ?? 0) + 1)
      }
      assert.deepStrictEqual([...waves.values()], [3, 3, 3, 3])
    }).pipe(
      Effect.provide(
        FakeTwilio.layer({ services: [{ seed: 3, count, serviceSid: service }], latency: Duration.seconds(1) })
      )
    ))

  it.effect("under 30% faults deletes each binding exactly once and reports every one", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const sids = fake.listing(service).map((b) => b.sid!)
      yield* fake.setFaultPlan(FaultPlan.random({
        seed: 7,
        probability: 0.3,
        faults: FaultPlan.retryableFaults({ slowDelay: "40 seconds", retryAfterSeconds: 1 })
      }))
      const result = yield* FakeTwilio.runOnTestClock(
        runInProcess([
          "delete",
          "--service",
          service,
          "--yes",
          "--max-retries",
          "20",
          ...sids.flatMap((s) => ["--sid", s])
        ])
      )
      assert.strictEqual(result.exitCode, 0, result.stderr)
      const lines = result.stdout.trimEnd().split("\n")
      assert.strictEqual(lines.length, sids.length)
      assert.isTrue(lines.every((line, i) => line === `deleted ${sids[i]}` || line === `already gone ${sids[i]}`))
      assert.deepStrictEqual((yield* fake.deletions).map((d) => d.sid).sort(), [...sids].sort())
      assert.isAbove(result.requests.filter((request) => request.fault !== undefined).length, 0)
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a closed stdout stops the deletions with exit 1 and one line; run again, the rest are deleted", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const [a, b, c] = fake.listing(service).map((binding) => binding.sid!)
      const args = [
        "delete",
        "--service",
        service,
        "--yes",
        "--concurrency",
        "1",
        ...[a!, b!, c!].flatMap((sid) => ["--sid", sid])
      ]
      // the reader takes one line (`| head -n 1`), then goes away
      const first = yield* runInProcess(args, { stdio: { closeStdoutAfterWrites: 1 } })
      assert.strictEqual(first.exitCode, 1)
      assert.strictEqual(first.stdout, `deleted ${a}\n`)
      assert.strictEqual(
        first.stderr,
        "bindings: stopped after reporting 1 of 3 deletions: stdout was closed; running the same command again deletes the rest\n"
      )
      // the second deletion went through unreported; the third was never sent
      assert.deepStrictEqual((yield* fake.deletions).map((d) => d.sid), [a, b])
      const again = yield* runInProcess(args)
      assert.strictEqual(again.exitCode, 0, again.stderr)
      assert.strictEqual(again.stdout, `already gone ${a}\nalready gone ${b}\ndeleted ${c}\n`)
    }).pipe(Effect.provide(FakeLayer)))

  it.effect("a deletion that fails after the retries is reported on its line, and the exit code is 1", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const [a, b] = fake.listing(service).map((binding) => binding.sid!)
      // request 0 checks the service; then the first binding's DELETE (and its one retry) fails, the second's goes through
      yield* fake.setFaultPlan((index) =>
        index === 1 || index === 2 ? FaultPlan.Fault.ServerError({ status: 503 }) : undefined
      )
      const result = yield* FakeTwilio.runOnTestClock(
        runInProcess([
          "delete",
          "--service",
          service,
          "--yes",
          "--concurrency",
          "1",
          "--max-retries",
          "1",
          "--sid",
          a!,
          "--sid",
          b!
        ])
      )
      assert.strictEqual(result.exitCode, 1)
      assert.match(result.stdout, new RegExp(`^failed ${a}: Twilio answered 503 .*\\ndeleted ${b}\\n$`))
      assert.strictEqual(
        result.stderr,
        "bindings: 1 of 2 deletions failed; running the same command again retries them\n"
      )
    }).pipe(Effect.provide(FakeLayer)))
})
