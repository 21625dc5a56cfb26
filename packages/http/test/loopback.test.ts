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

const { Fault } = FaultPlan

/** The client on undici against the loopback fake, configured from the fake's TWILIO_* settings plus `settings`. */
const onFake = (server: FakeTwilioServer.Options, settings: Readonly<Record<string, string>>) =>
  TwilioHttpClient.layerConfig().pipe(
    Layer.provide(NodeHttpClient.layerUndici),
    Layer.provide(FakeTwilio.layerConfigProvider(settings)),
    Layer.provideMerge(FakeTwilioServer.layer(server))
  )

const onLoopback = (faults: ReadonlyArray<FaultPlan.Fault | undefined>, maxRetries = 3) =>
  onFake({ services: [{ seed: 1, count: 30 }], faults: FaultPlan.script(faults) }, {
    TWILIO_MAX_RETRIES: String(maxRetries),
    TWILIO_TIMEOUT: "300 millis",
    TWILIO_RETRY_BASE_DELAY: "1 millis",
    TWILIO_RETRY_MAX_DELAY: "1 millis"
  })

/** Whether the client came through: the page arrived after the fault, on the second request. */
const survived = Effect.gen(function*() {
  const page = yield* Effect.option(firstPage)
  const seen = yield* requests
  return Option.isSome(page) && page.value.bindings.length === 10 && seen.length === 2 && seen[1]?.fault === undefined
})

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
  // FaultPlan.isRetryable is the fake's promise of what a client should retry: this client keeps it.
  for (
    const fault of [
      ...FaultPlan.retryableFaults({ retryAfterSeconds: 0, slowDelay: "2 seconds" }),
      Fault.NotJson(),
      Fault.SchemaViolation(),
      Fault.ForeignNextPage({})
    ]
  ) {
    const name = fault._tag === "ServerError" ? `ServerError ${fault.status}` : fault._tag
    it.live(`${FaultPlan.isRetryable(fault) ? "survives" : "does not retry"} ${name}`, () =>
      Effect.gen(function*() {
        assert.strictEqual(yield* survived, FaultPlan.isRetryable(fault))
      }).pipe(Effect.provide(onLoopback([fault]))))
  }

  it.live("fails with TwilioDecodeError on a body that is not JSON", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag, "TwilioDecodeError")
      assert.include(error.message, "expected JSON")
    }).pipe(Effect.provide(onLoopback([Fault.NotJson()]))))

  it.live("fails with TwilioDecodeError naming the path on a body that violates the schema", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag, "TwilioDecodeError")
      assert.match(error._tag === "TwilioDecodeError" ? error.path : "", /^bindings\[\d+\]\.\w+$/)
    }).pipe(Effect.provide(onLoopback([Fault.SchemaViolation()]))))

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
    }).pipe(Effect.provide(onLoopback([Fault.ForeignNextPage({})]))))

  it.live("gives up after maxRetries with the last error, typed", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(firstPage)
      assert.strictEqual(error._tag === "TwilioApiError" && error.status, 503)
      assert.strictEqual(error._tag === "TwilioApiError" && error.code, 20503)
      assert.strictEqual(error._tag === "TwilioApiError" && error.attempts, 3)
    }).pipe(Effect.provide(onLoopback(Array.from({ length: 3 }, () => Fault.ServerError({ status: 503 })), 2))))

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
              chatBaseUrl: origin
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
            chatBaseUrl: fake.origin
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
