/**
 * The HTTP layer every Twilio request goes through: same-origin check, Basic auth, JSON accept
 * header, User-Agent, per-attempt timeout, retries (exponential backoff with jitter, `Retry-After`
 * honoured) and typed errors. It sits on `@effect/platform`'s `HttpClient`, so the transport is a
 * layer: undici in production, `FakeTwilio` or `HttpClient.make` in tests.
 *
 * @since 0.1.0
 */
import type { HttpClientResponse, UrlParams } from "@effect/platform"
import { HttpClient, HttpClientError, HttpClientRequest } from "@effect/platform"
import { TwilioErrorBody } from "@twilio-bindings/domain"
import type { ConfigError, ParseResult } from "effect"
import { Cause, Clock, Context, Duration, Effect, Either, Layer, Option, Schedule, Schema } from "effect"
import { parseRetryAfter } from "./internal/retryAfter.js"
import { VERSION } from "./internal/version.js"
import * as TwilioConfig from "./TwilioConfig.js"
import {
  decodeErrorFromParseError,
  ForeignUrlError,
  TwilioApiError,
  TwilioDecodeError,
  type TwilioError,
  TwilioTransportError
} from "./TwilioError.js"

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
 * Options of one request.
 *
 * @since 0.1.0
 * @category Models
 */
export interface RequestOptions {
  /** Query parameters appended to the URL (repeated keys for arrays). */
  readonly urlParams?: UrlParams.Input | undefined
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
     * Resolves a path (`/v2/Services/…`) against the base URL, or checks that an absolute URL (a
     * `next_page_url`) is on the configured origin. Fails with `ForeignUrlError` otherwise.
     */
    readonly resolveUrl: (urlOrPath: string) => Either.Either<string, ForeignUrlError>
    /** GETs a path or same-origin URL and parses the JSON body, with retries and timeouts. */
    readonly getJson: (
      urlOrPath: string,
      options?: RequestOptions
    ) => Effect.Effect<JsonResponse, TwilioError>
    /** GETs a path or same-origin URL and decodes the body with `schema`. */
    readonly get: <A, I, R>(
      schema: Schema.Schema<A, I, R>,
      urlOrPath: string,
      options?: RequestOptions
    ) => Effect.Effect<A, TwilioError, R>
  }
}

/** What one attempt can fail with before errors are mapped to the public ones. */
type AttemptError = HttpClientError.HttpClientError | Cause.TimeoutException

const isBodyReadFailure = (error: AttemptError) =>
  HttpClientError.isHttpClientError(error) && error._tag === "ResponseError" && error.reason === "Decode"

const excerpt = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

const describeCause = (error: HttpClientError.HttpClientError) => {
  const cause = error.cause
  const inner = cause instanceof Error && cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
  return cause instanceof Error ? `${cause.message}${inner}` : (error.description ?? error.reason)
}

const decodeErrorBody = Schema.decodeUnknownEither(Schema.parseJson(TwilioErrorBody.TwilioErrorBody))

const apiErrorFromResponse = (
  url: string,
  attempts: number,
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<TwilioApiError> =>
  response.text.pipe(
    Effect.orElseSucceed(() => ""),
    Effect.map((text) =>
      Either.match(decodeErrorBody(text), {
        onLeft: () =>
          new TwilioApiError({
            status: response.status,
            twilioMessage: text === "" ? "(empty body)" : excerpt(text),
            url,
            attempts
          }),
        onRight: (body) =>
          new TwilioApiError({
            status: response.status,
            code: body.code,
            twilioMessage: body.message,
            ...(body.moreInfo === undefined ? {} : { moreInfo: body.moreInfo }),
            url,
            attempts
          })
      })
    )
  )

const toTwilioError = (url: string, attempts: number, timeout: Duration.Duration) =>
(
  error: AttemptError
): Effect.Effect<TwilioError> => {
  if (Cause.isTimeoutException(error)) {
    return Effect.succeed(
      new TwilioTransportError({
        reason: "Timeout",
        description: `no response within ${Duration.format(timeout)}`,
        url,
        attempts
      })
    )
  }
  if (error._tag === "ResponseError" && error.reason === "StatusCode") {
    return apiErrorFromResponse(url, attempts, error.response)
  }
  return Effect.succeed(
    new TwilioTransportError({
      reason: error._tag === "ResponseError" ? "Body" : "Transport",
      description: describeCause(error),
      url,
      attempts
    })
  )
}

/**
 * The backoff: exponential from `retryBaseDelay`, doubled each time, jittered (x0.8 to x1.2) and
 * capped at `retryMaxDelay`; a `Retry-After` header on the failed response sets the delay instead.
 * Each retry is logged at debug level with the status and the delay.
 *
 * @since 0.1.0
 * @category Retry
 */
export const retrySchedule = (config: TwilioConfig.TwilioConfig): Schedule.Schedule<AttemptError, AttemptError> =>
  Schedule.exponential(config.retryBaseDelay, 2).pipe(
    Schedule.jittered,
    // whole milliseconds, capped: timers and clocks (the TestClock too) then add up exactly
    Schedule.modifyDelay((_, delay) =>
      Duration.millis(Math.ceil(Duration.toMillis(Duration.min(delay, config.retryMaxDelay))))
    ),
    Schedule.zipRight(Schedule.identity<AttemptError>()),
    Schedule.modifyDelayEffect((error, backoff) =>
      Effect.gen(function*() {
        const response = failedResponse(error)
        const retryAfter = Option.flatMapNullable(response, (response) => response.headers["retry-after"])
        const delay = Option.isNone(retryAfter) ? backoff : Option.getOrElse(
          parseRetryAfter(retryAfter.value, yield* Clock.currentTimeMillis),
          () => backoff
        )
        yield* Effect.logDebug("retrying Twilio request").pipe(
          Effect.annotateLogs({
            failure: Option.match(response, { onNone: () => describeAttemptError(error), onSome: (r) => r.status }),
            delay: Duration.format(delay)
          })
        )
        return delay
      })
    )
  )

const failedResponse = (error: AttemptError) =>
  HttpClientError.isHttpClientError(error) && error._tag === "ResponseError"
    ? Option.some(error.response)
    : Option.none()

const describeAttemptError = (error: AttemptError) =>
  Cause.isTimeoutException(error) ? "timeout" : `${error._tag}/${error.reason}`

const makeResolver =
  (config: TwilioConfig.TwilioConfig) => (urlOrPath: string): Either.Either<string, ForeignUrlError> => {
    if (urlOrPath.startsWith("/")) return Either.right(config.baseUrl + urlOrPath)
    let url: URL
    try {
      url = new URL(urlOrPath)
    } catch {
      return Either.left(new ForeignUrlError({ url: urlOrPath, allowedOrigin: config.origin }))
    }
    if (url.username !== "" || url.password !== "") {
      url.username = ""
      url.password = ""
      return Either.left(new ForeignUrlError({ url: url.href, allowedOrigin: config.origin }))
    }
    if (url.origin === config.origin) return Either.right(urlOrPath)
    if (config.rewrittenOrigins.includes(url.origin)) {
      return Either.right(config.origin + urlOrPath.slice(url.origin.length))
    }
    return Either.left(new ForeignUrlError({ url: url.href, allowedOrigin: config.origin }))
  }

/**
 * Builds the service from a validated configuration, on the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (
  config: TwilioConfig.TwilioConfig
): Effect.Effect<TwilioHttpClient.Service, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const authenticated = (yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest((request) =>
        request.pipe(
          HttpClientRequest.basicAuth(config.username, config.password),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("user-agent", USER_AGENT)
        )
      ),
      // Read the body inside the attempt, so a body that hangs or breaks off is timed out and retried.
      HttpClient.transformResponse(Effect.tap((response) => response.text)),
      HttpClient.filterStatusOk
    )
    const schedule = retrySchedule(config)
    const resolveUrl = makeResolver(config)

    const getJson = (urlOrPath: string, options?: RequestOptions): Effect.Effect<JsonResponse, TwilioError> =>
      Effect.gen(function*() {
        const url = yield* resolveUrl(urlOrPath)
        let attempts = 0
        const client = authenticated.pipe(
          HttpClient.transformResponse((attempt) =>
            Effect.suspend(() => {
              attempts++
              return attempt
            }).pipe(Effect.timeout(config.timeout))
          ),
          HttpClient.retryTransient({
            mode: "errors-only",
            schedule,
            times: config.maxRetries,
            while: isBodyReadFailure
          })
        )
        const request = HttpClientRequest.get(
          url,
          options?.urlParams === undefined ? {} : { urlParams: options.urlParams }
        )
        const text = yield* client.execute(request).pipe(
          Effect.flatMap((response) => response.text),
          Effect.catchAll((error) =>
            Effect.flip(Effect.suspend(() => toTwilioError(url, attempts, config.timeout)(error)))
          ),
          Effect.ensuring(Effect.suspend(() => Effect.annotateCurrentSpan("twilio.attempts", attempts)))
        )
        const body = yield* Effect.try({
          try: () => JSON.parse(text) as unknown,
          catch: () =>
            new TwilioDecodeError({ url, path: "", reason: `expected JSON, got ${JSON.stringify(excerpt(text, 80))}` })
        })
        return { url, body }
      }).pipe(
        Effect.withSpan("TwilioHttpClient.getJson", {
          kind: "client",
          attributes: { "http.request.method": "GET", "url.path": pathOf(urlOrPath) },
          // the span names the request; a stack trace per page would cost more than it tells
          captureStackTrace: false
        })
      )

    const get = <A, I, R>(schema: Schema.Schema<A, I, R>, urlOrPath: string, options?: RequestOptions) => {
      const decode = Schema.decodeUnknown(schema)
      return Effect.flatMap(getJson(urlOrPath, options), ({ body, url }) =>
        decode(body).pipe(Effect.mapError((error: ParseResult.ParseError) =>
          decodeErrorFromParseError(url, error)
        )))
    }

    return TwilioHttpClient.of({ config, resolveUrl, getJson, get })
  })

const pathOf = (urlOrPath: string) => {
  try {
    return new URL(urlOrPath, "http://relative").pathname
  } catch {
    return urlOrPath
  }
}

/**
 * The service from settings given in code; a bad setting fails the layer with a `ConfigError`
 * that names the option.
 *
 * @example
 * ```ts
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { TwilioHttpClient } from "@twilio-bindings/http"
 * import { Layer } from "effect"
 *
 * const TwilioLive = TwilioHttpClient.layer({
 *   accountSid: "AC0123456789abcdef0123456789abcdef",
 *   authToken: "your auth token",
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
 * The service configured from the environment (see `TwilioConfig.config`).
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerConfig: Layer.Layer<TwilioHttpClient, ConfigError.ConfigError, HttpClient.HttpClient> = Layer
  .effect(TwilioHttpClient, Effect.flatMap(TwilioConfig.config, make))
