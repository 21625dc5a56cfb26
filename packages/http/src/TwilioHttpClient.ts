/**
 * The HTTP layer every Twilio request goes through: same-origin check, Basic auth, JSON accept
 * header, User-Agent, per-attempt timeout, retries (exponential backoff with jitter, `Retry-After`
 * honoured) and typed errors. It sits on `@effect/platform`'s `HttpClient`, so the transport is a
 * layer: undici in production, `FakeTwilio` or `HttpClient.make` in tests.
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientRequest, Url } from "@effect/platform"
import type { Config, ConfigError } from "effect"
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
     * GETs a path (`/v2/Services/…`, resolved against the base URL) or an absolute URL on the
     * configured origin (a `next_page_url`) with retries and timeouts, and parses the JSON body.
     * Any other URL fails with `ForeignUrlError` and nothing is sent.
     */
    readonly getJson: (urlOrPath: string) => Effect.Effect<JsonResponse, TwilioError>
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

const makeResolver =
  (config: TwilioConfig.TwilioConfig) => (urlOrPath: string): Either.Either<string, ForeignUrlError> =>
    urlOrPath.startsWith("/")
      ? Either.right(config.baseUrl + urlOrPath)
      : Either.match(Url.fromString(urlOrPath), {
        // not echoed: text that is not a URL may hold anything, a secret too
        onLeft: () => Either.left(new ForeignUrlError({ url: "(not a URL)", allowedOrigin: config.origin })),
        onRight: (url) =>
          url.username === "" && url.password === "" && TwilioConfig.allowsOrigin(config, url.origin)
            // rebuilt from the parsed URL: the parser drops tabs and blanks, so the origin's length
            // in the text may not be where the path starts (a rewrite would then move the host)
            ? Either.right(config.origin + url.pathname + url.search + url.hash)
            : Either.left(new ForeignUrlError({ url: withoutUserinfo(url), allowedOrigin: config.origin }))
      })

const pathOf = (urlOrPath: string) =>
  Either.match(Url.fromString(urlOrPath, "http://relative"), {
    // not echoed: text that is not a URL may hold anything, a secret too
    onLeft: () => "(not a URL)",
    onRight: (url) => url.pathname
  })

/**
 * Builds the service from a validated configuration, on the `HttpClient` in context. The client,
 * its attempt (auth, headers, status check, body read, timeout) and its retry schedule are built
 * here, once; a request only resolves its URL and runs them.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (
  config: TwilioConfig.TwilioConfig
): Effect.Effect<TwilioHttpClient.Service, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const client = (yield* HttpClient.HttpClient).pipe(
      // the same headers on every request: computed here, once
      HttpClient.mapRequest(HttpClientRequest.setHeaders({
        authorization: `Basic ${attempt.basicCredentials(config)}`,
        accept: "application/json",
        "user-agent": USER_AGENT
      })),
      HttpClient.filterStatusOk
    )
    const scrub = attempt.makeScrubber(config)
    const resolveUrl = makeResolver(config)
    const schedule = attempt.retrySchedule(config)

    // The retry schedule numbers its iterations: attempt n is its recurrence n - 1. A retry is
    // counted as it is sent, not as its delay starts: one interrupted during the delay never was.
    const send = (url: string): Effect.Effect<string, attempt.Failure> =>
      Effect.flatMap(Schedule.CurrentIterationMetadata, ({ recurrence }) =>
        Effect.zipRight(
          recurrence > 0 ? Metric.increment(attempt.retries) : Effect.void,
          client.get(url)
        ).pipe(
          // the body is read inside the attempt, so a body that hangs or breaks off is timed out and retried
          Effect.flatMap((response) => response.text),
          Effect.timeout(config.timeout),
          Effect.mapError((error): attempt.Failure => ({ error, attempt: recurrence + 1 })),
          Effect.ensuring(Effect.annotateCurrentSpan("twilio.attempts", recurrence + 1))
        ))

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

    const getJson = (urlOrPath: string): Effect.Effect<JsonResponse, TwilioError> =>
      Either.match(resolveUrl(urlOrPath), {
        onLeft: Effect.fail,
        onRight: (url) =>
          send(url).pipe(
            Effect.retry(schedule),
            Effect.catchAll((failure) =>
              Effect.flatMap(attempt.toTwilioError(url, failure, config, scrub), Effect.fail)
            ),
            Effect.flatMap((text) => parseJson(url, text))
          )
      }).pipe(
        Effect.withSpan("TwilioHttpClient.getJson", {
          kind: "client",
          attributes: { "http.request.method": "GET", "url.path": pathOf(urlOrPath) },
          // the span names the request; a stack trace per page would cost more than it tells
          captureStackTrace: false
        })
      )

    return TwilioHttpClient.of({ config, getJson })
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
