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

  const delayed: ReadonlyArray<readonly [string, number, FakeTwilio.Options]> = [
    ["a slow answer", 3000, { faults: FaultPlan.script([Fault.SlowAnswer({ delay: Duration.seconds(3) })]) }],
    ["configured latency", 250, { latency: Duration.millis(250) }]
  ]
  for (const [name, millis, options] of delayed) {
    it.effect(`${name} delays the answer by ${millis} ms on the Effect clock`, () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(firstPage)
        yield* TestClock.adjust(Duration.millis(millis - 1))
        assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
        yield* TestClock.adjust(Duration.millis(1))
        assert.strictEqual((yield* Fiber.join(fiber)).status, 200)
      }).pipe(withFake(options)))
  }

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
    }).pipe(withFake({ faults: FaultPlan.script([Fault.NoAnswer()]) })))

  it.effect("a reset connection fails with a Transport RequestError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error._tag === "RequestError" ? error.reason : undefined, "Transport")
    }).pipe(withFake({ faults: FaultPlan.script([Fault.ConnectionReset()]) })))

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

  for (const [status, message] of [[500, "Internal Server Error"], [503, "Service Unavailable"]] as const) {
    it.effect(`a ServerError fault answers ${status} with a Twilio error body`, () =>
      Effect.gen(function*() {
        const answer = yield* firstPage
        assert.strictEqual(answer.status, status)
        assert.deepStrictEqual(answer.json, {
          code: 20000 + status,
          message,
          more_info: `https://www.twilio.com/docs/errors/${20000 + status}`,
          status
        })
      }).pipe(withFake({ faults: FaultPlan.script([Fault.ServerError({ status })]) })))
  }

  it.effect("a truncated body cannot be read as JSON", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag, "ResponseError")
    }).pipe(withFake({ faults: FaultPlan.script([Fault.TruncatedBody()]) })))

  it.effect("a retry after a retryable fault gets the same page as an unfaulted request", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const clean = (yield* firstPage).json as Page
      yield* fake.setFaultPlan(
        FaultPlan.script([Fault.ServerError({ status: 503 }), Fault.RateLimited({ retryAfterSeconds: 1 })])
      )
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
    }).pipe(withFake({ faults: FaultPlan.script([Fault.SchemaViolation()]) })))
})

describe("fault plans", () => {
  const sequence = (plan: FaultPlan.FaultPlan) => Array.from({ length: 200 }, (_, i) => plan(i)?._tag ?? "-").join(",")

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

  it("a random plan faults about the requested share of requests, with the given faults only", () => {
    const given = [Fault.RateLimited({ retryAfterSeconds: 2 }), Fault.ServerError({ status: 502 })]
    const plan = FaultPlan.random({ seed: 3, probability: 0.3, faults: given })
    const faults = Array.from({ length: 10_000 }, (_, i) => plan(i)).filter((f) => f !== undefined)
    assert.isTrue(faults.length > 2_700 && faults.length < 3_300, String(faults.length))
    assert.deepStrictEqual(new Set(faults), new Set(given))
  })

  it("a script gives request i its i-th fault, and real answers past its end", () => {
    const plan = FaultPlan.script([undefined, Fault.NotJson()])
    assert.deepStrictEqual([plan(0), plan(1), plan(2)], [undefined, Fault.NotJson(), undefined])
  })

  // One fault of each kind; a Record, so a new kind does not compile until it is added here.
  const oneOfEach: { readonly [Kind in FaultPlan.FaultKind]: FaultPlan.Fault } = {
    RateLimited: Fault.RateLimited({ retryAfterSeconds: 1 }),
    ServerError: Fault.ServerError({ status: 502 }),
    ConnectionReset: Fault.ConnectionReset(),
    TruncatedBody: Fault.TruncatedBody(),
    NotJson: Fault.NotJson(),
    SchemaViolation: Fault.SchemaViolation(),
    SlowAnswer: Fault.SlowAnswer({ delay: Duration.seconds(5) }),
    NoAnswer: Fault.NoAnswer(),
    ForeignNextPage: Fault.ForeignNextPage({})
  }

  /**
   * Whether a client that waits up to a second gets a final answer: complete, with a status that
   * does not ask it to come back (429 and 5xx do).
   */
  const finalAnswer = Effect.gen(function*() {
    const fake = yield* FakeTwilio.FakeTwilio
    const request = HttpClientRequest.get(fake.firstPageUrl(fake.serviceSid, { pageSize: 5 })).pipe(
      HttpClientRequest.basicAuth(fake.accountSid, fake.authToken)
    )
    const fiber = yield* HttpClient.execute(request).pipe(
      Effect.flatMap((response) => Effect.as(response.text, response.status)),
      Effect.timeout("1 second"),
      Effect.fork
    )
    yield* TestClock.adjust("1 second")
    const status = yield* Effect.option(Fiber.join(fiber))
    return Option.isSome(status) && status.value !== 429 && status.value < 500
  })

  for (const [kind, fault] of Object.entries(oneOfEach)) {
    it.effect(`${kind} is retryable exactly when it leaves a client without a final answer`, () =>
      Effect.gen(function*() {
        assert.strictEqual(FaultPlan.isRetryable(fault), !(yield* finalAnswer))
      }).pipe(withFake({ faults: FaultPlan.script([fault]) })))
  }

  it("retryableFaults holds one fault of each retryable kind, each 5xx once", () => {
    const faults = FaultPlan.retryableFaults()
    assert.isTrue(faults.every(FaultPlan.isRetryable))
    assert.deepStrictEqual(
      new Set(faults.map((fault) => fault._tag)),
      new Set(Object.values(oneOfEach).filter(FaultPlan.isRetryable).map((fault) => fault._tag))
    )
    assert.deepStrictEqual(
      faults.flatMap((fault) => fault._tag === "ServerError" ? [fault.status] : []),
      [500, 502, 503, 504]
    )
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
        ["ServerError", 502],
        [undefined, 200]
      ])
    }).pipe(withFake({ faults: FaultPlan.script([Fault.ServerError({ status: 502 })]) })))

  it.effect("clearing the record forgets earlier requests", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* firstPage
      yield* fake.clearRequests
      assert.strictEqual((yield* fake.requests).length, 0)
    }).pipe(withFake()))
})
