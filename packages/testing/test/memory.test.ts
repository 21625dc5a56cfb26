import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Option, Redacted, TestClock } from "effect"
import * as FakeTwilio from "../src/FakeTwilio.js"
import * as FaultPlan from "../src/FaultPlan.js"
import { get } from "./utils.js"
import type { Page } from "./utils.js"

const { Fault } = FaultPlan

const withFake = (options: FakeTwilio.Options = {}) => Effect.provide(FakeTwilio.layer(options))

const firstPage = Effect.flatMap(
  FakeTwilio.FakeTwilio,
  (fake) => get(fake.firstPageUrl(fake.serviceSid, { pageSize: 5 }))
)

describe("in-memory faults", () => {
  it.effect("records when each request arrived, by the Effect clock", () =>
    Effect.gen(function*() {
      yield* firstPage
      yield* TestClock.adjust("7 seconds")
      yield* firstPage
      const fake = yield* FakeTwilio.FakeTwilio
      const [first, second] = yield* fake.requests
      assert.strictEqual(second!.atMillis - first!.atMillis, 7000)
    }).pipe(withFake()))

  it.effect("a slow answer arrives only once the clock has moved past its delay", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(firstPage)
      yield* TestClock.adjust(Duration.millis(2_999))
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust(Duration.millis(1))
      const { status } = yield* Fiber.join(fiber)
      assert.strictEqual(status, 200)
    }).pipe(withFake({ faults: FaultPlan.script([Fault.SlowAnswer({ delay: Duration.seconds(3) })]) })))

  it.effect("configured latency delays every answer on the Effect clock", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(firstPage)
      yield* TestClock.adjust(Duration.millis(249))
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust(Duration.millis(1))
      assert.strictEqual((yield* Fiber.join(fiber)).status, 200)
    }).pipe(withFake({ latency: Duration.millis(250) })))

  it.effect("an unanswered request waits until interrupted, and is recorded as abandoned by the client", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const fiber = yield* Effect.fork(firstPage)
      yield* TestClock.adjust(Duration.hours(1))
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      const [request] = yield* fake.requests
      assert.strictEqual(request?.fault, "NoAnswer")
      assert.isTrue(request?.clientDisconnected)
    }).pipe(withFake({ faults: FaultPlan.script(["NoAnswer"]) })))

  it.effect("a reset connection fails with a Transport RequestError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error._tag === "RequestError" ? error.reason : undefined, "Transport")
    }).pipe(withFake({ faults: FaultPlan.script(["ConnectionReset"]) })))

  it.effect("a rate-limited request gets 429, Retry-After and code 20429", () =>
    Effect.gen(function*() {
      const { headers, json, status } = yield* firstPage
      assert.strictEqual(status, 429)
      assert.strictEqual(headers["retry-after"], "7")
      assert.deepStrictEqual(json, {
        code: 20429,
        message: "Too many requests",
        more_info: "https://www.twilio.com/docs/errors/20429",
        status: 429
      })
    }).pipe(withFake({ faults: FaultPlan.script([Fault.RateLimited({ retryAfterSeconds: 7 })]) })))

  for (
    const [kind, status] of [["InternalServerError", 500], ["BadGateway", 502], ["ServiceUnavailable", 503], [
      "GatewayTimeout",
      504
    ]] as const
  ) {
    it.effect(`a ${kind} fault answers ${status} with a Twilio error body`, () =>
      Effect.gen(function*() {
        const answer = yield* firstPage
        assert.strictEqual(answer.status, status)
        assert.strictEqual((answer.json as { status: number }).status, status)
      }).pipe(withFake({ faults: FaultPlan.script([kind]) })))
  }

  it.effect("a truncated body cannot be read as JSON", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag, "ResponseError")
    }).pipe(withFake({ faults: FaultPlan.script(["TruncatedBody"]) })))

  it.effect("a retry after a retryable fault gets the same page as an unfaulted request", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const clean = (yield* firstPage).json as Page
      yield* fake.setFaultPlan(FaultPlan.script(["ServiceUnavailable", "RateLimited"]))
      assert.strictEqual((yield* firstPage).status, 503)
      assert.strictEqual((yield* firstPage).status, 429)
      const retried = yield* firstPage
      assert.deepStrictEqual(retried.json, clean)
      const second = yield* get((retried.json as Page).meta.next_page_url!)
      assert.deepStrictEqual(second.json, (yield* get(clean.meta.next_page_url!)).json)
    }).pipe(withFake()))

  it.effect("a foreign next page keeps the path and query but changes the origin", () =>
    Effect.gen(function*() {
      const page = (yield* firstPage).json as Page
      const next = new URL(page.meta.next_page_url!)
      assert.strictEqual(next.origin, "https://evil.example.net")
      assert.strictEqual(next.searchParams.get("Page"), "1")
    }).pipe(withFake({ faults: FaultPlan.script([Fault.ForeignNextPage({ origin: "https://evil.example.net" })]) })))

  it.effect("a schema-violating page carries a binding of type sms", () =>
    Effect.gen(function*() {
      const page = (yield* firstPage).json as { bindings: ReadonlyArray<{ binding_type: string }> }
      assert.strictEqual(page.bindings[0]?.binding_type, "sms")
    }).pipe(withFake({ faults: FaultPlan.script(["SchemaViolation"]) })))
})

describe("fault plans", () => {
  const sequence = (plan: FaultPlan.FaultPlan) =>
    Array.from({ length: 200 }, (_, i) => FaultPlan.faultAt(plan, i)?._tag ?? "-").join(",")

  it("a random plan gives the same faults for the same seed", () => {
    assert.strictEqual(
      sequence(FaultPlan.random({ seed: 11, probability: 0.3 })),
      sequence(FaultPlan.random({ seed: 11, probability: 0.3 }))
    )
  })

  it("a random plan gives different faults for another seed", () => {
    assert.notStrictEqual(
      sequence(FaultPlan.random({ seed: 11, probability: 0.3 })),
      sequence(FaultPlan.random({ seed: 12, probability: 0.3 }))
    )
  })

  it("a random plan faults about the requested share of requests, of the requested kinds only", () => {
    const plan = FaultPlan.random({ seed: 3, probability: 0.3, kinds: ["RateLimited", "BadGateway"] })
    const faults = Array.from({ length: 10_000 }, (_, i) => FaultPlan.faultAt(plan, i)).filter((f) => f !== undefined)
    assert.isTrue(faults.length > 2_700 && faults.length < 3_300, String(faults.length))
    assert.deepStrictEqual(new Set(faults.map((fault) => fault._tag)), new Set(["RateLimited", "BadGateway"]))
  })

  it("the retryable kinds are 429, 5xx, reset, slow and no answer", () => {
    assert.deepStrictEqual(
      FaultPlan.kinds.filter((kind) => FaultPlan.isRetryable(kind)),
      [...FaultPlan.retryableKinds]
    )
    assert.isFalse(FaultPlan.isRetryable(Fault.TruncatedBody()))
    assert.isFalse(FaultPlan.isRetryable("ForeignNextPage"))
    assert.isTrue(FaultPlan.isRetryable(Fault.RateLimited({ retryAfterSeconds: 1 })))
  })
})

describe("recording", () => {
  it.effect("recorded requests carry the full URL and the username, never the password", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const url = fake.firstPageUrl(fake.serviceSid, { identity: ["a b"], pageSize: 3 })
      yield* get(url)
      const [request] = yield* fake.requests
      assert.strictEqual(request?.url, url)
      assert.strictEqual(request?.authUser, fake.accountSid)
      assert.strictEqual(request?.headers["authorization"], `Basic ${fake.accountSid}:<redacted>`)
      assert.notInclude(JSON.stringify(request), Redacted.value(fake.authToken))
      assert.notInclude(JSON.stringify(request), Buffer.from(`:${Redacted.value(fake.authToken)}`).toString("base64"))
    }).pipe(withFake()))

  it.effect("a request to another host is recorded with its origin and answered 404", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const response = yield* HttpClient.execute(HttpClientRequest.get("https://elsewhere.example.org/v2/x?y=1"))
      assert.strictEqual(response.status, 404)
      const [request] = yield* fake.requests
      assert.strictEqual(request?.origin, "https://elsewhere.example.org")
      assert.isTrue(request?.foreign)
      assert.isFalse(request?.hadCredentials)
    }).pipe(withFake()))

  it.effect("the applied fault is recorded with the request", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* firstPage
      yield* firstPage
      const requests = yield* fake.requests
      assert.deepStrictEqual(requests.map((request) => [request.fault, request.status]), [
        ["BadGateway", 502],
        [undefined, 200]
      ])
    }).pipe(withFake({ faults: FaultPlan.script(["BadGateway"]) })))

  it.effect("clearing the record forgets earlier requests", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* firstPage
      yield* fake.clearRequests
      assert.strictEqual((yield* fake.requests).length, 0)
    }).pipe(withFake()))
})
