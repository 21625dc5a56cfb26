import { assert, layer } from "@effect/vitest"
import { BindingPage } from "@twilio-bindings/domain"
import { Duration, Effect, Either, Redacted, Schema } from "effect"
import type * as FakeTwilio from "../src/FakeTwilio.js"
import { FakeTwilio as FakeTwilioTag } from "../src/FakeTwilio.js"
import * as FakeTwilioServer from "../src/FakeTwilioServer.js"
import * as FaultPlan from "../src/FaultPlan.js"
import type { Page } from "./utils.js"

const { Fault } = FaultPlan

const authorization = (fake: FakeTwilio.FakeTwilio.Service) =>
  "Basic " + Buffer.from(`${fake.accountSid}:${Redacted.value(fake.authToken)}`).toString("base64")

/** A raw fetch with the fake's credentials; fails with whatever fetch rejects with. */
const rawFetch = (url: string, init: { readonly signal?: AbortSignal; readonly credentials?: boolean } = {}) =>
  Effect.flatMap(FakeTwilioTag, (fake) =>
    Effect.tryPromise({
      try: () =>
        fetch(url, {
          headers: init.credentials === false ? {} : { authorization: authorization(fake) },
          ...(init.signal === undefined ? {} : { signal: init.signal })
        }),
      catch: (error) => error
    }))

const firstPageUrl = Effect.map(FakeTwilioTag, (fake) => fake.firstPageUrl(fake.serviceSid, { pageSize: 7 }))

const withFault = (plan: FaultPlan.FaultPlan) => Effect.flatMap(FakeTwilioTag, (fake) => fake.setFaultPlan(plan))

/** The record of the last request, once the server has seen the client go (the close event is asynchronous). */
const lastRequestSettled = (predicate: (request: FakeTwilio.RecordedRequest) => boolean) =>
  Effect.gen(function*() {
    const fake = yield* FakeTwilioTag
    for (let attempt = 0; attempt < 100; attempt++) {
      const requests = yield* fake.requests
      const last = requests[requests.length - 1]
      if (last !== undefined && predicate(last)) return last
      yield* Effect.sleep(Duration.millis(10))
    }
    const requests = yield* fake.requests
    return requests[requests.length - 1]
  })

const options: FakeTwilioServer.Options = { services: [{ seed: 9, count: 40 }] }

layer(FakeTwilioServer.layer(options), { excludeTestServices: true })("the loopback server", (it) => {
  it.effect("serves pages on 127.0.0.1 whose URLs are on its own origin", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilioTag
      yield* withFault(FaultPlan.none)
      assert.match(fake.origin, /^http:\/\/127\.0\.0\.1:\d+$/)
      const response = yield* rawFetch(yield* firstPageUrl)
      assert.strictEqual(response.status, 200)
      const page = yield* Schema.decodeUnknown(BindingPage.BindingPage)(yield* Effect.promise(() => response.json()))
      assert.strictEqual(new URL(page.meta.url).origin, fake.origin)
      assert.strictEqual(page.bindings.length, 7)
    }))

  it.effect("following next_page_url on the wire visits every binding once", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilioTag
      yield* withFault(FaultPlan.none)
      const seen: Array<string | null> = []
      let url: string | null = yield* firstPageUrl
      while (url !== null) {
        const response: Response = yield* rawFetch(url)
        const page = (yield* Effect.promise(() => response.json())) as Page
        seen.push(...page.bindings.map((binding) => binding.sid))
        url = page.meta.next_page_url
      }
      assert.deepStrictEqual(seen, fake.bindings(fake.serviceSid).map((binding) => binding.sid))
    }))

  it.effect("a RateLimited fault answers 429 with Retry-After and code 20429", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.script([Fault.RateLimited({ retryAfterSeconds: 3 })]))
      const response = yield* rawFetch(yield* firstPageUrl)
      assert.strictEqual(response.status, 429)
      assert.strictEqual(response.headers.get("retry-after"), "3")
      assert.strictEqual(((yield* Effect.promise(() => response.json())) as { code: number }).code, 20429)
    }))

  for (const status of [500, 504]) {
    it.effect(`a ServerError fault answers ${status} on the wire`, () =>
      Effect.gen(function*() {
        yield* withFault(FaultPlan.script([Fault.ServerError({ status })]))
        const response = yield* rawFetch(yield* firstPageUrl)
        assert.strictEqual(response.status, status)
        assert.strictEqual(((yield* Effect.promise(() => response.json())) as { status: number }).status, status)
      }))
  }

  it.effect("a ConnectionReset fault makes fetch reject", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.script([Fault.ConnectionReset()]))
      const result = yield* Effect.either(rawFetch(yield* firstPageUrl))
      assert.isTrue(Either.isLeft(result))
      const last = yield* lastRequestSettled(() => true)
      assert.strictEqual(last?.fault, "ConnectionReset")
      assert.isFalse(last?.clientDisconnected)
    }))

  it.effect("a TruncatedBody fault sends less than its Content-Length, so the body cannot be read as JSON", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.script([Fault.TruncatedBody()]))
      const outcome = yield* Effect.either(
        Effect.flatMap(rawFetch(yield* firstPageUrl), (response) =>
          Effect.tryPromise({
            try: async () => JSON.parse(await response.text()) as unknown,
            catch: (error) => error
          }))
      )
      assert.isTrue(Either.isLeft(outcome))
    }))

  it.effect("a NotJson fault answers a body that JSON.parse rejects", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.script([Fault.NotJson()]))
      const response = yield* rawFetch(yield* firstPageUrl)
      const text = yield* Effect.promise(() => response.text())
      assert.throws(() => JSON.parse(text))
    }))

  it.effect("a SchemaViolation fault answers JSON that the domain's BindingPage schema rejects", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.script([Fault.SchemaViolation()]))
      const response = yield* rawFetch(yield* firstPageUrl)
      const json = yield* Effect.promise(() => response.json())
      assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(BindingPage.BindingPage)(json)))
    }))

  // When it answers is proven on the TestClock in memory (same handler); on the wire, what it answers.
  it.effect("a SlowAnswer fault answers the real page", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.none)
      const text = (url: string) => Effect.flatMap(rawFetch(url), (response) => Effect.promise(() => response.text()))
      const clean = yield* text(yield* firstPageUrl)
      yield* withFault(FaultPlan.script([Fault.SlowAnswer({ delay: Duration.millis(20) })]))
      assert.strictEqual(yield* text(yield* firstPageUrl), clean)
      const last = yield* lastRequestSettled(() => true)
      assert.strictEqual(last?.fault, "SlowAnswer")
      assert.strictEqual(last?.status, 200)
    }))

  it.effect("a NoAnswer fault never answers: fetch is aborted by its timeout and the disconnect is recorded", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.script([Fault.NoAnswer()]))
      const result = yield* Effect.either(rawFetch(yield* firstPageUrl, { signal: AbortSignal.timeout(200) }))
      assert.isTrue(Either.isLeft(result))
      assert.strictEqual(Either.isLeft(result) ? (result.left as Error).name : "", "TimeoutError")
      const last = yield* lastRequestSettled((request) => request.clientDisconnected)
      assert.strictEqual(last?.fault, "NoAnswer")
      assert.isTrue(last?.clientDisconnected)
    }))

  it.effect("a client that gives up during a slow answer is recorded as disconnected", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.script([Fault.SlowAnswer({ delay: Duration.seconds(2) })]))
      yield* Effect.either(rawFetch(yield* firstPageUrl, { signal: AbortSignal.timeout(100) }))
      const last = yield* lastRequestSettled((request) => request.clientDisconnected)
      assert.isTrue(last?.clientDisconnected)
    }))

  it.effect("a ForeignNextPage fault points next_page_url at the foreign listener, which records what reaches it", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilioTag
      yield* withFault(FaultPlan.script([Fault.ForeignNextPage({})]))
      const response = yield* rawFetch(yield* firstPageUrl)
      const next = ((yield* Effect.promise(() => response.json())) as Page).meta.next_page_url!
      assert.strictEqual(new URL(next).origin, fake.foreignOrigin)
      assert.notStrictEqual(fake.foreignOrigin, fake.origin)
      const foreignResponse = yield* rawFetch(next, { credentials: false })
      assert.strictEqual(foreignResponse.status, 404)
      const last = yield* lastRequestSettled(() => true)
      assert.strictEqual(last?.origin, fake.foreignOrigin)
      assert.isTrue(last?.foreign)
      assert.isFalse(last?.hadCredentials)
    }))

  it.effect("a retried request after a retryable fault gets the page it asked for, so paging does not advance", () =>
    Effect.gen(function*() {
      yield* withFault(FaultPlan.none)
      const text = (url: string) => Effect.flatMap(rawFetch(url), (response) => Effect.promise(() => response.text()))
      const first = JSON.parse(yield* text(yield* firstPageUrl)) as Page
      const next = first.meta.next_page_url!
      const clean = yield* text(next)
      yield* withFault(FaultPlan.script([Fault.ServerError({ status: 504 }), Fault.ConnectionReset()]))
      assert.strictEqual((yield* rawFetch(next)).status, 504)
      assert.isTrue(Either.isLeft(yield* Effect.either(rawFetch(next))))
      const retried = yield* text(next)
      assert.strictEqual(retried, clean)
    }))
})
