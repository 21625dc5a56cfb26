/**
 * The http layer against the fake Twilio on a real loopback socket, through undici: every fault kind
 * is survived or surfaces as the right typed error. Delays are tiny (Retry-After 0, 1 ms backoff):
 * backoff and Retry-After timing are proven with TestClock in TwilioHttpClient.test.ts; here what is
 * proven is what happens on the wire.
 */
import { HttpServerResponse } from "@effect/platform"
import { NodeHttpClient, NodeHttpServer } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { BindingPage } from "@twilio-bindings/domain"
import { FakeTwilio, FakeTwilioServer, FaultPlan } from "@twilio-bindings/testing"
import { Effect, Layer, Option, Redacted, Schema } from "effect"
import * as Http from "node:http"
import { TwilioError, TwilioHttpClient } from "../src/index.js"

const settings = { retryAfterSeconds: 0, slowDelay: "2 seconds" } as const

const onLoopback = (faults: ReadonlyArray<FaultPlan.FaultKind | undefined>, maxRetries = 3) =>
  Layer.unwrapEffect(Effect.map(FakeTwilio.FakeTwilio, (fake) =>
    TwilioHttpClient.layer({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      baseUrl: fake.origin,
      maxRetries,
      timeout: "300 millis",
      retryBaseDelay: "1 millis",
      retryMaxDelay: "1 millis"
    }))).pipe(
      Layer.provide(NodeHttpClient.layerUndici),
      Layer.provideMerge(
        FakeTwilioServer.layer({
          services: [{ seed: 1, count: 30 }],
          faults: FaultPlan.script(faults.map((kind) => kind && FaultPlan.fromKind(kind, settings)))
        })
      )
    )

const decodePage = Schema.decodeUnknown(BindingPage.BindingPage)

const firstPage = Effect.gen(function*() {
  const fake = yield* FakeTwilio.FakeTwilio
  const twilio = yield* TwilioHttpClient.TwilioHttpClient
  const { body, url } = yield* twilio.getJson(`/v2/Services/${fake.serviceSid}/Bindings?PageSize=10`)
  return yield* Effect.mapError(
    decodePage(body),
    (error) => TwilioError.decodeErrorFromParseError(url, error)
  )
})

const requests = Effect.flatMap(FakeTwilio.FakeTwilio, (fake) => fake.requests)

describe("TwilioHttpClient on loopback", () => {
  for (const kind of FaultPlan.retryableKinds) {
    it.live(`survives ${kind}`, () =>
      Effect.gen(function*() {
        const page = yield* firstPage
        assert.strictEqual(page.bindings.length, 10)
        const seen = yield* requests
        assert.deepStrictEqual(seen.map((r) => r.fault), [kind, undefined])
      }).pipe(Effect.provide(onLoopback([kind]))))
  }

  it.live("retries a body that breaks off (Content-Length not reached)", () =>
    Effect.gen(function*() {
      const page = yield* firstPage
      assert.strictEqual(page.bindings.length, 10)
      assert.strictEqual((yield* requests).length, 2)
    }).pipe(Effect.provide(onLoopback(["TruncatedBody"]))))

  it.live("fails with TwilioDecodeError on a body that is not JSON", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag, "TwilioDecodeError")
      assert.include(error.message, "expected JSON")
    }).pipe(Effect.provide(onLoopback(["NotJson"]))))

  it.live("fails with TwilioDecodeError naming the path on a body that violates the schema", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag, "TwilioDecodeError")
      assert.match(error._tag === "TwilioDecodeError" ? error.path : "", /^bindings\[\d+\]\.\w+$/)
    }).pipe(Effect.provide(onLoopback(["SchemaViolation"]))))

  it.live("refuses a foreign next_page_url and sends nothing to that origin", () =>
    Effect.gen(function*() {
      const page = yield* firstPage
      const next = Option.getOrThrow(page.meta.nextPageUrl)
      const fake = yield* FakeTwilio.FakeTwilio
      assert.isTrue(next.startsWith(fake.foreignOrigin))
      const twilio = yield* TwilioHttpClient.TwilioHttpClient
      const error = yield* Effect.flip(twilio.getJson(next))
      assert.strictEqual(error._tag, "ForeignUrlError")
      const seen = yield* requests
      assert.strictEqual(seen.length, 1)
      assert.isFalse(seen.some((r) => r.foreign))
    }).pipe(Effect.provide(onLoopback(["ForeignNextPage"]))))

  it.live("gives up after maxRetries with the last error, typed", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag === "TwilioApiError" && error.status, 503)
      assert.strictEqual(error._tag === "TwilioApiError" && error.code, 20503)
      assert.strictEqual(error._tag === "TwilioApiError" && error.attempts, 3)
    }).pipe(Effect.provide(onLoopback(["ServiceUnavailable", "ServiceUnavailable", "ServiceUnavailable"], 2))))

  it.live("does not follow a redirect to another origin: the 302 is the answer, nothing reaches the target", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      // a server on its own port that redirects every request to the fake's foreign listener
      const server = yield* NodeHttpServer.make(() => Http.createServer(), { host: "127.0.0.1", port: 0 })
      const address = server.address
      const origin = address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}` : ""
      yield* Effect.forkScoped(
        server.serve(
          HttpServerResponse.empty({ status: 302, headers: { location: `${fake.foreignOrigin}/v2/stolen` } })
        )
      )
      const error = yield* Effect.flip(
        Effect.flatMap(TwilioHttpClient.TwilioHttpClient, (twilio) => twilio.getJson("/v2/Services")).pipe(
          Effect.provide(
            TwilioHttpClient.layer({
              accountSid: fake.accountSid,
              authToken: fake.authToken,
              baseUrl: origin
            }).pipe(Layer.provide(NodeHttpClient.layerUndici))
          )
        )
      )
      assert.strictEqual(error._tag === "TwilioApiError" && error.status, 302)
      assert.isFalse((yield* requests).some((r) => r.foreign))
    }).pipe(Effect.scoped, Effect.provide(onLoopback([]))))

  it.live("a wrong token is a TwilioApiError 401 with Twilio's code, not retried, and never echoed", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const error = yield* firstPage.pipe(
        Effect.provide(
          TwilioHttpClient.layer({
            accountSid: fake.accountSid,
            authToken: Redacted.make("wrong-token-value"),
            baseUrl: fake.origin
          }).pipe(Layer.provide(NodeHttpClient.layerUndici))
        ),
        Effect.flip
      )
      assert.strictEqual(error._tag === "TwilioApiError" && error.status, 401)
      assert.strictEqual(error._tag === "TwilioApiError" && error.code, 20003)
      assert.strictEqual((yield* requests).length, 1)
      assert.notInclude(String(error), "wrong-token-value")
    }).pipe(Effect.provide(onLoopback([]))))
})
