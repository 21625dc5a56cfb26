/**
 * One attempt of a Twilio request and what follows it: which failures are retried and after how
 * long, and how the last failure becomes a public `TwilioError` without a secret in it.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { TwilioErrorBody } from "@twilio-bindings/domain"
import { Cause, Clock, Duration, Effect, Either, Encoding, Metric, Option, Redacted, Schedule, Schema } from "effect"
import type * as TwilioConfig from "../TwilioConfig.js"
import type { TwilioError } from "../TwilioError.js"
import { isRetryableStatus, TwilioApiError, TwilioTransportError } from "../TwilioError.js"
import { parseRetryAfter } from "./retryAfter.js"

/** Retries of every client in the program (re-exported as `TwilioHttpClient.retries`). */
export const retries: Metric.Metric.Counter<number> = Metric.counter("twilio_http_retries", {
  description: "Twilio requests sent again after a retryable failure",
  incremental: true
})

/** What one attempt can fail with before errors are mapped to the public ones. */
export type AttemptError = HttpClientError.HttpClientError | Cause.TimeoutException

/** A failed attempt and its number (1 for the first request): the count errors and spans report. */
export interface Failure {
  readonly error: AttemptError
  readonly attempt: number
}

export const isRetryable = (error: AttemptError) =>
  Cause.isTimeoutException(error) ||
  (error._tag === "RequestError" && error.reason === "Transport") ||
  // a body that broke off while it was read
  (error._tag === "ResponseError" && error.reason === "Decode") ||
  (error._tag === "ResponseError" && isRetryableStatus(error.response.status))

export const excerpt = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

const describeCause = (error: HttpClientError.HttpClientError) => {
  const cause = error.cause
  const inner = cause instanceof Error && cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
  return cause instanceof Error ? `${cause.message}${inner}` : (error.description ?? error.reason)
}

/** The token of the Basic Authorization header (UTF-8, as browsers and undici encode it). */
export const basicCredentials = (config: TwilioConfig.TwilioConfig) =>
  Encoding.encodeBase64(`${config.username}:${Redacted.value(config.password)}`)

/**
 * Removes the credentials from text that came from outside (a transport's error message, a body
 * that echoes the request): the password and the Basic token are replaced wherever they appear.
 */
export const makeScrubber = (config: TwilioConfig.TwilioConfig) => {
  const password = Redacted.value(config.password)
  const secrets = [basicCredentials(config), password, encodeURIComponent(password)]
    .filter((secret) => secret !== "")
    .sort((a, b) => b.length - a.length)
  return (text: string) => secrets.reduce((scrubbed, secret) => scrubbed.replaceAll(secret, "***"), text)
}

const decodeErrorBody = Schema.decodeUnknownEither(Schema.parseJson(TwilioErrorBody.TwilioErrorBody))

const apiErrorFromResponse = (
  url: string,
  attempts: number,
  response: HttpClientResponse.HttpClientResponse,
  scrub: (text: string) => string
): Effect.Effect<TwilioApiError> =>
  response.text.pipe(
    Effect.orElseSucceed(() => ""),
    Effect.map((text) =>
      Either.match(decodeErrorBody(text), {
        onLeft: () =>
          new TwilioApiError({
            status: response.status,
            twilioMessage: text === "" ? "(empty body)" : excerpt(scrub(text)),
            url,
            attempts
          }),
        onRight: (body) =>
          new TwilioApiError({
            status: response.status,
            code: body.code,
            twilioMessage: scrub(body.message),
            ...(body.moreInfo === undefined ? {} : { moreInfo: body.moreInfo }),
            url,
            attempts
          })
      })
    )
  )

export const toTwilioError = (
  method: "GET" | "DELETE",
  url: string,
  { attempt, error }: Failure,
  config: TwilioConfig.TwilioConfig,
  scrub: (text: string) => string
): Effect.Effect<TwilioError> => {
  if (Cause.isTimeoutException(error)) {
    return Effect.succeed(
      new TwilioTransportError({
        method,
        reason: "Timeout",
        description: `no response within ${Duration.format(config.timeout)}`,
        url,
        attempts: attempt
      })
    )
  }
  if (error._tag === "ResponseError" && error.reason === "StatusCode") {
    return apiErrorFromResponse(url, attempt, error.response, scrub)
  }
  return Effect.succeed(
    new TwilioTransportError({
      method,
      reason: error._tag === "ResponseError" ? "Body" : "Transport",
      description: scrub(describeCause(error)),
      url,
      attempts: attempt
    })
  )
}

const describeFailure = ({ error }: Failure) =>
  Cause.isTimeoutException(error)
    ? "timeout"
    : error._tag === "ResponseError" && error.reason === "StatusCode"
    ? error.response.status
    : `${error._tag}/${error.reason}`

/** The delay a failed response asks for in its `Retry-After` header, if it has a readable one. */
const retryAfterOf = ({ error }: Failure): Effect.Effect<Option.Option<Duration.Duration>> =>
  error._tag === "ResponseError" && error.response.headers["retry-after"] !== undefined
    ? Effect.map(Clock.currentTimeMillis, (now) => parseRetryAfter(error.response.headers["retry-after"]!, now))
    : Effect.succeedNone

/**
 * The backoff: exponential from `retryBaseDelay`, doubled each time, jittered (x0.8 to x1.2), then
 * capped at `retryMaxDelay`; a `Retry-After` header on the failed response sets the delay instead.
 * It stops after `maxRetries` retries, at a failure that is not worth retrying, or at a `Retry-After`
 * longer than `retryMaxDelay`: the failure is returned then rather than waiting, silently, as long
 * as the server asks (a day, say). Each retry is
 * logged at debug level, before its delay, with the failure, the attempt that failed and the delay;
 * it is counted in `retries` only when it is sent (see `TwilioHttpClient.make`).
 */
export const retrySchedule = (config: TwilioConfig.TwilioConfig): Schedule.Schedule<Failure, Failure> =>
  Schedule.exponential(config.retryBaseDelay, 2).pipe(
    Schedule.jittered,
    // capped after the jitter, so that no delay exceeds the cap; whole milliseconds, so that timers
    // and clocks (the TestClock too) add up exactly
    Schedule.modifyDelay((_, delay) =>
      Duration.millis(Math.ceil(Duration.toMillis(Duration.min(delay, config.retryMaxDelay))))
    ),
    Schedule.intersect(Schedule.recurs(config.maxRetries)),
    Schedule.whileInput((failure: Failure) => isRetryable(failure.error)),
    Schedule.zipRight(Schedule.identity<Failure>()),
    Schedule.checkEffect((failure) =>
      Effect.map(
        retryAfterOf(failure),
        Option.match({ onNone: () => true, onSome: (asked) => Duration.lessThanOrEqualTo(asked, config.retryMaxDelay) })
      )
    ),
    // Last, so that it runs only when the schedule goes on: a retry is logged only when another
    // request will really be sent.
    Schedule.modifyDelayEffect((failure, backoff) =>
      Effect.gen(function*() {
        const delay = Option.getOrElse(yield* retryAfterOf(failure), () => backoff)
        yield* Effect.logDebug("retrying Twilio request").pipe(
          Effect.annotateLogs({
            failure: describeFailure(failure),
            attempt: failure.attempt,
            delay: Duration.format(delay)
          })
        )
        return delay
      })
    )
  )
