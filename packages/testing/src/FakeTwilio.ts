/**
 * A faithful fake of Twilio's Chat v2 Bindings API (`GET /v2/Services/{ServiceSid}/Bindings`):
 * Basic auth, filters, paging with opaque tokens, Twilio's error bodies, fault injection and a
 * record of every request. This module runs it in memory as an `HttpClient` layer; `FakeTwilioServer`
 * runs the same handler on a loopback socket.
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import type {
  Binding,
  ConversationsBinding,
  ListConversationsBindingsParams,
  Product,
  Sid
} from "@twilio-bindings/domain"
import type { Redacted } from "effect"
import { Clock, ConfigProvider, Context, Duration, Effect, Fiber, Layer, Option, TestClock } from "effect"
import type * as BindingStore from "./BindingStore.js"
import type * as FaultPlan from "./FaultPlan.js"
import * as Generators from "./Generators.js"
import * as Fake from "./internal/fake.js"
import type * as Handler from "./internal/handler.js"

/**
 * One request the fake received, with its secrets removed.
 *
 * @since 0.1.0
 * @category Models
 */
export type RecordedRequest = Handler.RecordedRequest

/**
 * A binding the fake deleted: its service, its SID, and the product whose endpoint deleted it.
 *
 * @since 0.1.0
 * @category Models
 */
export type Deletion = Handler.Deletion

/**
 * The data of one service: wire bindings as given, a generated store, or a prebuilt store.
 *
 * @since 0.1.0
 * @category Models
 */
export type ServiceData =
  | { readonly serviceSid: string; readonly bindings: ReadonlyArray<BindingStore.StoredBinding> }
  | {
    readonly serviceSid?: string | undefined
    readonly seed: number
    readonly count: number
    /** The share of `twilsock` bindings, which only Conversations shows (see `Generators.generateStore`). */
    readonly twilsock?: number | undefined
  }
  | { readonly store: BindingStore.BindingStore }

/**
 * How to build a fake. Every field has a default.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Default: `Generators.accountSid(0)`. */
  readonly accountSid?: string | undefined
  /** Default: `Generators.authToken(0)`. */
  readonly authToken?: string | undefined
  /** An API key (`SK…`) and its secret, accepted as Basic-auth credentials besides the account's. */
  readonly apiKey?: { readonly sid: string; readonly secret: string } | undefined
  /** In memory only (the loopback server's origin is its address). Default `https://chat.twilio.com`. */
  readonly origin?: string | undefined
  /** Where `ForeignNextPage` points. In memory default `https://foreign.example.com`. */
  readonly foreignOrigin?: string | undefined
  /** The services and their bindings. Default: one service of 100 generated bindings (seed 0). */
  readonly services?: ReadonlyArray<ServiceData> | undefined
  /** Default `FaultPlan.none`. */
  readonly faults?: FaultPlan.FaultPlan | undefined
  /** Added to every answer. Default zero. */
  readonly latency?: Duration.DurationInput | undefined
}

/**
 * What a test can see and steer of a running fake.
 *
 * @since 0.1.0
 * @category Services
 */
export class FakeTwilio extends Context.Tag("@twilio-bindings/testing/FakeTwilio")<FakeTwilio, FakeTwilio.Service>() {}

/**
 * @since 0.1.0
 * @category Services
 */
export declare namespace FakeTwilio {
  /**
   * @since 0.1.0
   * @category Services
   */
  export interface Service {
    /** Where the fake answers: `https://chat.twilio.com` in memory, `http://127.0.0.1:PORT` on loopback. */
    readonly origin: string
    /** The origin `ForeignNextPage` points at (on loopback, a second listener that records requests). */
    readonly foreignOrigin: string
    readonly accountSid: Sid.AccountSid
    readonly authToken: Redacted.Redacted<string>
    readonly apiKey: Option.Option<{ readonly sid: string; readonly secret: Redacted.Redacted<string> }>
    /** Every service the fake knows, in the order given. */
    readonly serviceSids: ReadonlyArray<Sid.ServiceSid>
    /** The first service (the only one, by default). */
    readonly serviceSid: Sid.ServiceSid
    /** The store of a service. */
    readonly store: (serviceSid: string) => Option.Option<BindingStore.BindingStore>
    /** Every binding of a service, in listing order, in wire form (empty for an unknown service). */
    readonly bindings: (serviceSid: string) => ReadonlyArray<Binding.BindingWire>
    /**
     * What a complete Chat listing with these filters returns now (same index and scan as the paging;
     * deleted bindings left out).
     */
    readonly listing: (serviceSid: string, filter?: BindingStore.Filter) => ReadonlyArray<Binding.BindingWire>
    /** What a complete Conversations listing with these filters returns now: the same bindings, in Conversations' form. */
    readonly conversationsListing: (
      serviceSid: string,
      filter?: BindingStore.Filter
    ) => ReadonlyArray<ConversationsBinding.ConversationsBindingWire>
    /** The absolute URL of a listing's first page, as a client would build it (Chat unless `product` says). */
    readonly firstPageUrl: (
      serviceSid: string,
      params?: ListConversationsBindingsParams.ListConversationsBindingsParams,
      product?: Product.Product
    ) => string
    /** The absolute URL of one binding (Chat unless `product` says). */
    readonly bindingUrl: (serviceSid: string, bindingSid: string, product?: Product.Product) => string
    /** The bindings deleted so far, in the order the deletions landed: each once, however often asked. */
    readonly deletions: Effect.Effect<ReadonlyArray<Deletion>>
    /**
     * The fake's settings under the names `TwilioHttpClient.layerConfig` reads: `TWILIO_ACCOUNT_SID`,
     * `TWILIO_AUTH_TOKEN`, `TWILIO_CHAT_BASE_URL` and `TWILIO_CONVERSATIONS_BASE_URL` (both the fake's
     * origin, which serves both products). See {@link layerConfigProvider}.
     */
    readonly configProvider: ConfigProvider.ConfigProvider
    /** Every request received so far (both origins), oldest first. */
    readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
    readonly clearRequests: Effect.Effect<void>
    /** Replaces the fault plan; the new plan counts requests from 0. */
    readonly setFaultPlan: (plan: FaultPlan.FaultPlan) => Effect.Effect<void>
  }
}

/**
 * The default in-memory origin: Twilio's own.
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_ORIGIN = Generators.DEFAULT_ORIGIN

/**
 * The default foreign origin in memory.
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_FOREIGN_ORIGIN = "https://foreign.example.com"

const truncatedStream = (body: string): ReadableStream<Uint8Array> => {
  const bytes = new TextEncoder().encode(body)
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, Math.floor(bytes.length / 2)))
      controller.error(new TypeError("terminated: other side closed"))
    }
  })
}

const sleepThen = <A, E>(delay: Duration.Duration, effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Duration.greaterThan(delay, Duration.zero) ? Effect.zipRight(Effect.sleep(delay), effect) : effect

/**
 * The fake as an in-memory `HttpClient`: no sockets; slow answers sleep on the Effect clock (so
 * `TestClock` drives them), unanswered requests wait until interrupted, resets fail with a
 * `RequestError` (reason `Transport`). Requests to any other origin are recorded and answered 404.
 */
const makeClient = (handler: Handler.Handler): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.flatMap(Clock.currentTimeMillis, (atMillis) => {
      const { answer, id } = handler.handle({ method: request.method, url, headers: request.headers, atMillis })
      const respond = (
        status: number,
        headers: Readonly<Record<string, string>>,
        body: ConstructorParameters<typeof Response>[0]
      ) =>
        Effect.sync(() =>
          // a 204 has no body: the Response constructor refuses even an empty one
          HttpClientResponse.fromWeb(request, new Response(status === 204 ? null : body, { status, headers }))
        )
      const effect: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> = (() => {
        switch (answer._tag) {
          case "Respond":
            return sleepThen(
              answer.delay,
              answer.truncated
                ? respond(answer.status, {
                  ...answer.headers,
                  "content-length": String(new TextEncoder().encode(answer.body).length)
                }, truncatedStream(answer.body))
                : respond(answer.status, answer.headers, answer.body)
            )
          case "Reset":
            return sleepThen(
              answer.delay,
              Effect.fail(
                new HttpClientError.RequestError({
                  request,
                  reason: "Transport",
                  cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
                  description: "connection reset by the fake"
                })
              )
            )
          case "Hang":
            return Effect.never
        }
      })()
      return Effect.onInterrupt(effect, () => Effect.sync(() => handler.disconnected(id)))
    })
  )

/**
 * Builds an in-memory fake: its service view and its `HttpClient`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options = {}): Effect.Effect<{
  readonly fake: FakeTwilio.Service
  readonly client: HttpClient.HttpClient
}> =>
  Effect.sync(() => {
    const handler = Fake.handlerFor(
      options,
      options.origin ?? DEFAULT_ORIGIN,
      options.foreignOrigin ?? DEFAULT_FOREIGN_ORIGIN
    )
    return { fake: Fake.serviceOf(handler), client: makeClient(handler) }
  })

/**
 * The in-memory fake as a layer: an `HttpClient` that talks to it, and the `FakeTwilio` service.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Options = {}): Layer.Layer<HttpClient.HttpClient | FakeTwilio> =>
  Layer.effectContext(
    Effect.map(make(options), ({ client, fake }) =>
      Context.make(FakeTwilio, fake).pipe(Context.add(HttpClient.HttpClient, client)))
  )

/**
 * Makes the fake in context the configuration: `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` and
 * `TWILIO_CHAT_BASE_URL` are the fake's, any other name is read from `settings` (e.g.
 * `{ TWILIO_MAX_RETRIES: "2" }`), and nothing from the process environment, so a test runs the same
 * on every machine. Provide it to `TwilioHttpClient.layerConfig` (or to anything that reads `Config`).
 *
 * @example
 * ```ts
 * import { TwilioHttpClient } from "@twilio-bindings/http"
 * import { FakeTwilio } from "@twilio-bindings/testing"
 * import { Layer } from "effect"
 *
 * const Fake = FakeTwilio.layer()
 * const Twilio = TwilioHttpClient.layerConfig().pipe(
 *   Layer.provide(FakeTwilio.layerConfigProvider()),
 *   Layer.provideMerge(Fake)
 * )
 * ```
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerConfigProvider = (
  settings: Readonly<Record<string, string>> = {}
): Layer.Layer<never, never, FakeTwilio> =>
  Layer.unwrapEffect(
    Effect.map(FakeTwilio, (fake) =>
      Layer.setConfigProvider(
        ConfigProvider.orElse(fake.configProvider, () => ConfigProvider.fromMap(new Map(Object.entries(settings))))
      ))
  )

/**
 * Runs `effect` to completion while moving the `TestClock` a `step` at a time (default 100 ms), so
 * that everything it waits for on Effect's clock — the fake's slow answers and latency, a client's
 * backoff, `Retry-After` and timeouts — happens without real waiting. Dies if it is still running
 * once `limit` (default 1 hour) of simulated time has passed, so a hang fails instead of stalling.
 *
 * @since 0.1.0
 * @category Testing
 */
export const runOnTestClock = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  options: { readonly step?: Duration.DurationInput | undefined; readonly limit?: Duration.DurationInput } = {}
): Effect.Effect<A, E, R> =>
  Effect.gen(function*() {
    const step = Duration.decode(options.step ?? Duration.millis(100))
    const limit = Duration.decode(options.limit ?? Duration.hours(1))
    const fiber = yield* Effect.fork(effect)
    for (let elapsed = Duration.zero; Duration.lessThan(elapsed, limit); elapsed = Duration.sum(elapsed, step)) {
      // lets the fiber run up to its next wait before time moves past it
      yield* Effect.yieldNow()
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) return yield* Fiber.join(fiber)
      yield* TestClock.adjust(step)
    }
    const done = yield* Fiber.poll(fiber)
    if (Option.isSome(done)) return yield* Fiber.join(fiber)
    return yield* Effect.dieMessage(`still running after ${Duration.format(limit)} of simulated time`)
  })
