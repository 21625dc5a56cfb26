/**
 * The HTTP layer every Twilio request goes through: same-origin check, Basic auth, JSON accept
 * header, User-Agent, per-attempt timeout, retries (exponential backoff with jitter, `Retry-After`
 * honoured) and typed errors. It sits on `@effect/platform`'s `HttpClient`, so the transport is a
 * layer: undici in production, `FakeTwilio` or `HttpClient.make` in tests.
 *
 * @since 0.1.0
 */
// Each module on its own: the package's index loads every module of @effect/platform (HTTP server,
// workers, …), about 200 ms more at startup for a program that runs on Node without a bundler.
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Url from "@effect/platform/Url"
import type { Product } from "@twilio-bindings/domain"
import type { Config, ConfigError, Tracer } from "effect"
import { Context, Effect, Either, Layer, Metric, Schedule } from "effect"
import * as attempt from "./internal/attempt.js"
import { VERSION } from "./internal/version.js"
import * as TwilioConfig from "./TwilioConfig.js"
import { ForeignUrlError, TwilioDecodeError, type TwilioError } from "./TwilioError.js"

/**
 * The User-Agent sent with every request.
 *
 * @since 0.1.0
 * @category Constants
 */
export const USER_AGENT = `twilio-bindings/${VERSION} (node ${globalThis.process?.version ?? "unknown"})`

/**
 * A successful response: the final URL and the parsed JSON body.
 *
 * @since 0.1.0
 * @category Models
 */
export interface JsonResponse {
  /** The URL that answered (after origin rewriting). */
  readonly url: string
  /** The body, parsed as JSON but not validated. */
  readonly body: unknown
}

/**
 * What a DELETE achieved: `"deleted"` when Twilio answered 204, `"alreadyGone"` when it answered 404
 * (nothing is there). Both mean the resource no longer exists. A 404 is not a failure because DELETE
 * is retried: when the first attempt removed the binding but its answer was lost, the retry finds
 * nothing; and a cleanup run again, or racing another, finds bindings already removed. Twilio answers
 * 404 to a resource under a parent that does not exist too (a mistyped service SID): check the
 * parent first when that matters (the `bindings delete` command lists one binding of the service).
 *
 * @since 0.1.0
 * @category Models
 */
export type DeleteOutcome = "deleted" | "alreadyGone"

/**
 * The Twilio HTTP client service.
 *
 * @since 0.1.0
 * @category Services
 */
export class TwilioHttpClient extends Context.Tag("@twilio-bindings/http/TwilioHttpClient")<
  TwilioHttpClient,
  TwilioHttpClient.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace TwilioHttpClient {
  /**
   * @since 0.1.0
   * @category Services
   */
  export interface Service {
    /** The validated configuration (secrets stay `Redacted`). */
    readonly config: TwilioConfig.TwilioConfig
    /**
     * GETs a path (`/v2/Services/…`, resolved against the product's base URL; Chat by default) or an
     * absolute URL on the product's origin (a `next_page_url`) with retries and timeouts, and parses
     * the JSON body. Any other URL fails with `ForeignUrlError` and nothing is sent.
     */
    readonly getJson: (urlOrPath: string, product?: Product.Product) => Effect.Effect<JsonResponse, TwilioError>
    /**
     * DELETEs a path or an absolute URL on the product's origin, as `getJson` sends a GET: the same
     * credentials, origin check, timeout, retries (DELETE is idempotent) and errors, except that a 404
     * answer is the outcome `"alreadyGone"` (see {@link DeleteOutcome}).
     */
    readonly delete: (urlOrPath: string, product?: Product.Product) => Effect.Effect<DeleteOutcome, TwilioError>
  }
}

/**
 * Counts the retries of every client in the program: one per request sent again (so a request
 * answered after 2 retries adds 2; a 401 or an interruption adds nothing). Read it with
 * `Metric.value(TwilioHttpClient.retries)`, e.g. for a progress line.
 *
 * @since 0.1.0
 * @category Metrics
 */
export const retries: Metric.Metric.Counter<number> = attempt.retries

const withoutUserinfo = (url: URL) => {
  const copy = new URL(url)
  copy.username = ""
  copy.password = ""
  return copy.href
}

/** The methods the client sends. */
type Method = "GET" | "DELETE"

const spanNames = { GET: "TwilioHttpClient.getJson", DELETE: "TwilioHttpClient.delete" } as const

/** Where a request goes, or why it may not; and the path its span names (for a refused URL too). */
interface Target {
  readonly url: Either.Either<string, ForeignUrlError>
  readonly path: string
}

const pathOf = (urlOrPath: string) =>
  Either.match(Url.fromString(urlOrPath, "http://relative"), {
    // not echoed: text that is not a URL may hold anything, a secret too
    onLeft: () => "(not a URL)",
    onRight: (url) => url.pathname
  })

// A path the URL parser would return unchanged (no dot segment, nothing to escape): most requests'
// path, read without a second parse.
const plainPath = /^(?:\/[\w~-]+)+\/?(?=[?#]|$)/

const makeResolver = (endpoint: TwilioConfig.Endpoint) => (urlOrPath: string): Target => {
  if (urlOrPath.startsWith("/")) {
    const plain = plainPath.exec(urlOrPath)
    return { url: Either.right(endpoint.baseUrl + urlOrPath), path: plain === null ? pathOf(urlOrPath) : plain[0] }
  }
  return Either.match(Url.fromString(urlOrPath), {
    // not echoed: text that is not a URL may hold anything, a secret too
    onLeft: () => ({
      url: Either.left(new ForeignUrlError({ url: "(not a URL)", allowedOrigin: endpoint.origin })),
      path: pathOf(urlOrPath)
    }),
    onRight: (url) => ({
      url: url.username === "" && url.password === "" && TwilioConfig.allowsOrigin(endpoint, url.origin)
        // rebuilt from the parsed URL: the parser drops tabs and blanks, so the origin's length in
        // the text may not be where the path starts (a rewrite would then move the host)
        ? Either.right(endpoint.origin + url.pathname + url.search + url.hash)
        : Either.left(new ForeignUrlError({ url: withoutUserinfo(url), allowedOrigin: endpoint.origin })),
      path: url.pathname
    })
  })
}

/**
 * Builds the service from a validated configuration, on the `HttpClient` in context. The client,
 * the requests with their headers, each product's URL resolver and the retry schedule are built
 * here, once; a request resolves its URL, runs one attempt (status check, body read, timeout) and
 * starts the schedule only if that fails.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (
  config: TwilioConfig.TwilioConfig
): Effect.Effect<TwilioHttpClient.Service, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const client = HttpClient.filterStatusOk(yield* HttpClient.HttpClient)
    // the same headers on every request: one request per method built here, whose URL each request replaces
    const headers = {
      authorization: `Basic ${attempt.basicCredentials(config)}`,
      accept: "application/json",
      "user-agent": USER_AGENT
    }
    const templates = { GET: HttpClientRequest.get("", { headers }), DELETE: HttpClientRequest.del("", { headers }) }
    const scrub = attempt.makeScrubber(config)
    const resolvers = {
      chat: makeResolver(config.endpoints.chat),
      conversations: makeResolver(config.endpoints.conversations)
    }
    const schedule = attempt.retrySchedule(config)

    // Attempt n (1 for the first request). The body is read inside it, so that a body that hangs or
    // breaks off is timed out and retried.
    const send = (method: Method, url: string, n: number): Effect.Effect<string, attempt.Failure> =>
      client.execute(HttpClientRequest.setUrl(templates[method], url)).pipe(
        Effect.flatMap((response) => response.text),
        Effect.timeout(config.timeout),
        Effect.mapError((error): attempt.Failure => ({ error, attempt: n }))
      )

    // Most requests succeed at once: the schedule's driver is built only when one fails, and fed that
    // failure, as `Effect.retry` would. A retry is counted as it is sent, not as its delay starts: one
    // interrupted during the delay never was.
    const retrying = (method: Method, url: string, first: attempt.Failure, span: Tracer.Span) =>
      Effect.flatMap(Schedule.driver(schedule), (driver) => {
        const next = (failure: attempt.Failure): Effect.Effect<string, attempt.Failure> =>
          Effect.matchEffect(driver.next(failure), {
            onFailure: () => Effect.fail(failure),
            onSuccess: () => {
              const n = failure.attempt + 1
              span.attribute("twilio.attempts", n)
              return Effect.zipRight(Metric.increment(attempt.retries), Effect.catchAll(send(method, url, n), next))
            }
          })
        return next(first)
      })

    const parseJson = (url: string, text: string) =>
      Effect.try({
        try: () => ({ url, body: JSON.parse(text) as unknown }),
        catch: () =>
          new TwilioDecodeError({
            url,
            path: "",
            reason: `expected JSON, got ${JSON.stringify(attempt.excerpt(scrub(text), 80))}`
          })
      })

    /**
     * One request: in its span, the URL resolved for the product, the first attempt, the retries if
     * it fails, the last failure mapped to a `TwilioError`; then, after the span, `onBody` with the
     * URL and the body's text.
     *
     * `onBody` runs outside the span on purpose. A span keeps the exit it ended with, and it stayed
     * reachable for a while after its request: a parsed page held in it lived through the next
     * request's young-generation collections, which copied it and moved it to the old generation.
     * Ending the span with the text instead (one string, where a page is thousands of objects) cut a
     * listing's CPU by 12% at 100k bindings and 22% at 1M (PageSize 1000).
     */
    const request = <A>(
      method: Method,
      urlOrPath: string,
      product: Product.Product,
      onBody: (url: string, text: string) => Effect.Effect<A, TwilioError>
    ): Effect.Effect<A, TwilioError> => {
      const target = resolvers[product](urlOrPath)
      const exchange = Effect.useSpan(spanNames[method], {
        kind: "client",
        attributes: { "http.request.method": method, "url.path": target.path },
        // the span names the request; a stack trace per page would cost more than it tells
        captureStackTrace: false
      }, (span) =>
        Either.match(target.url, {
          onLeft: Effect.fail,
          onRight: (url) => {
            span.attribute("twilio.attempts", 1)
            return send(method, url, 1).pipe(
              Effect.catchAll((failure) => retrying(method, url, failure, span)),
              Effect.catchAll((failure) =>
                Effect.flatMap(attempt.toTwilioError(method, url, failure, config, scrub), Effect.fail)
              ),
              Effect.map((text) => ({ url, text })),
              Effect.withParentSpan(span)
            )
          }
        }))
      return Effect.flatMap(exchange, ({ text, url }) => onBody(url, text))
    }

    const getJson = (urlOrPath: string, product: Product.Product = "chat") =>
      request("GET", urlOrPath, product, parseJson)

    const deleted = Effect.succeed<DeleteOutcome>("deleted")
    const remove = (urlOrPath: string, product: Product.Product = "chat") =>
      request("DELETE", urlOrPath, product, () => deleted).pipe(
        Effect.catchIf(
          (error) => error._tag === "TwilioApiError" && error.status === 404,
          () => Effect.succeed<DeleteOutcome>("alreadyGone")
        )
      )

    return TwilioHttpClient.of({ config, getJson, delete: remove })
  })

/**
 * The service from settings given in code; a bad setting fails the layer with a `ConfigError`
 * whose path names the option.
 *
 * @example
 * ```ts
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { TwilioHttpClient } from "@twilio-bindings/http"
 * import { Layer, Redacted } from "effect"
 *
 * const TwilioLive = TwilioHttpClient.layer({
 *   accountSid: "AC0123456789abcdef0123456789abcdef",
 *   authToken: Redacted.make("your auth token"),
 *   timeout: "10 seconds",
 *   maxRetries: 3
 * }).pipe(Layer.provide(NodeHttpClient.layerUndici))
 * ```
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options: TwilioConfig.Options
): Layer.Layer<TwilioHttpClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(TwilioHttpClient, Effect.flatMap(TwilioConfig.make(options), make))

/**
 * The service configured from a `Config` of the settings: by default `TwilioConfig.environment`,
 * the `TWILIO_*` variables. A missing or bad value fails the layer with a `ConfigError` whose path
 * names the variable.
 *
 * @example
 * ```ts
 * import { TwilioConfig, TwilioHttpClient } from "@twilio-bindings/http"
 * import { Config } from "effect"
 *
 * const FromEnvironment = TwilioHttpClient.layerConfig()
 * const FewerRetries = TwilioHttpClient.layerConfig({ ...TwilioConfig.environment, maxRetries: Config.succeed(1) })
 * ```
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerConfig = (
  config: Config.Config.Wrap<TwilioConfig.Options> = TwilioConfig.environment
): Layer.Layer<TwilioHttpClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(TwilioHttpClient, Effect.flatMap(TwilioConfig.config(config), make))
