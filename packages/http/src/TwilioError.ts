/**
 * The typed errors of a Twilio request. Each has a readable `message`, enough data to act on, and
 * nothing secret: no credentials, no Authorization header, no request object.
 *
 * @since 0.1.0
 */
import { ParseResult, Schema } from "effect"

/**
 * Twilio answered with an error status (after retries, for retryable statuses). The fields come
 * from Twilio's error body (`{ code, message, more_info, status }`); when the body is not Twilio's
 * JSON (a proxy's HTML page, say) `code` and `moreInfo` are absent and `twilioMessage` holds a short
 * excerpt of the body.
 *
 * @since 0.1.0
 * @category Errors
 */
export class TwilioApiError extends Schema.TaggedError<TwilioApiError>()("TwilioApiError", {
  /** The HTTP status, e.g. `404`. */
  status: Schema.Int,
  /** Twilio's error code, e.g. `20404` (see https://www.twilio.com/docs/errors). */
  code: Schema.optionalWith(Schema.Int, { exact: true }),
  /** Twilio's `message`, or an excerpt of a body that was not Twilio's error JSON. */
  twilioMessage: Schema.String,
  /** Twilio's `more_info` link. */
  moreInfo: Schema.optionalWith(Schema.String, { exact: true }),
  /** The URL that was requested. */
  url: Schema.String,
  /** How many attempts were made, retries included. */
  attempts: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    const code = this.code === undefined ? "" : ` (Twilio code ${this.code})`
    const more = this.moreInfo === undefined ? "" : ` — see ${this.moreInfo}`
    return `Twilio answered ${this.status}${code}: ${this.twilioMessage}${more}${attemptsText(this.attempts)}`
  }

  /**
   * Whether retrying later could succeed (408, 429 and 5xx statuses).
   *
   * @since 0.1.0
   */
  get isRetryable(): boolean {
    return isRetryableStatus(this.status)
  }
}

/**
 * Why a request got no usable answer: the connection failed (`Transport`), no answer came in time
 * (`Timeout`), or the body broke off while it was read (`Body`).
 *
 * @since 0.1.0
 * @category Errors
 */
export const TransportFailure = Schema.Literal("Transport", "Timeout", "Body")

/**
 * The request got no usable answer from Twilio, after every attempt the retry policy allows.
 *
 * @since 0.1.0
 * @category Errors
 */
export class TwilioTransportError extends Schema.TaggedError<TwilioTransportError>()("TwilioTransportError", {
  /** The request's method (`GET` unless given). */
  method: Schema.optionalWith(Schema.Literal("GET", "DELETE"), { default: () => "GET" as const }),
  /** What went wrong on the last attempt. */
  reason: TransportFailure,
  /** A short description of the last failure, e.g. `connect ECONNREFUSED 127.0.0.1:9`. */
  description: Schema.String,
  /** The URL that was requested. */
  url: Schema.String,
  /** How many attempts were made, retries included. */
  attempts: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    const what = this.reason === "Timeout"
      ? "timed out"
      : this.reason === "Body"
      ? "broke off while reading the response body"
      // refused, reset, DNS: the description says which; the connection may well have been made
      : "got no answer"
    return `${this.method} ${this.url} ${what}: ${this.description}${attemptsText(this.attempts)}`
  }
}

/**
 * A response did not have the expected shape. `path` names where (e.g. `bindings[3].account_sid`,
 * empty for the body as a whole) and `reason` says what rule it broke.
 *
 * @since 0.1.0
 * @category Errors
 */
export class TwilioDecodeError extends Schema.TaggedError<TwilioDecodeError>()("TwilioDecodeError", {
  /** The URL whose response failed to decode. */
  url: Schema.String,
  /** Where in the body, in wire (snake_case) names, e.g. `bindings[3].account_sid`. */
  path: Schema.String,
  /** What is wrong there. */
  reason: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    const where = this.path === "" ? "the body" : this.path
    return `the response of GET ${this.url} is not valid at ${where}: ${this.reason}`
  }
}

/**
 * A URL (typically a page's `next_page_url`) pointed at an origin other than the configured one.
 * Nothing was sent: credentials never leave the configured origin.
 *
 * @since 0.1.0
 * @category Errors
 */
export class ForeignUrlError extends Schema.TaggedError<ForeignUrlError>()("ForeignUrlError", {
  /** The refused URL. */
  url: Schema.String,
  /** The origin requests are allowed to go to, e.g. `https://chat.twilio.com`. */
  allowedOrigin: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `refused to send credentials to ${this.url}: only ${this.allowedOrigin} is allowed (nothing was sent)`
  }
}

/**
 * Any error a Twilio request can fail with.
 *
 * @since 0.1.0
 * @category Errors
 */
export type TwilioError = TwilioApiError | TwilioTransportError | TwilioDecodeError | ForeignUrlError

/**
 * The statuses worth retrying: 408, 429 and the 5xx statuses that signal a passing condition.
 *
 * @since 0.1.0
 * @category Predicates
 */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504

/**
 * Formats a decode path in wire names: `["bindings", 3, "sid"]` becomes `bindings[3].sid`.
 *
 * @since 0.1.0
 * @category Formatting
 */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (text, key) => typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`,
    ""
  )

/**
 * The first issue of a schema `ParseError`: where (a path in wire names, empty for the value as a
 * whole) and the rule it broke, as the schema's message annotations word it.
 *
 * @since 0.1.0
 * @category Formatting
 */
export const firstIssue = (error: ParseResult.ParseError): { readonly path: string; readonly message: string } => {
  // never empty: a ParseError holds at least one issue, and the formatter gives each a line
  const first = ParseResult.ArrayFormatter.formatErrorSync(error)[0]!
  return { path: formatPath(first.path), message: first.message }
}

/** The longest string a message echoes: a value can be any length, a message is one line. */
const MAX_ECHO = 100

/**
 * Shows a value in a message as it was given: a string quoted (`"5"`) and cut after 100 characters
 * (`"xxx…"`), anything else as `String` shows it (`5`, `undefined`). Never use it on a secret.
 *
 * @since 0.1.0
 * @category Formatting
 */
export const formatValue = (value: unknown): string =>
  typeof value === "string"
    ? JSON.stringify(value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO - 1)}…` : value)
    : String(value)

/**
 * Turns a schema `ParseError` into a {@link TwilioDecodeError} that names the first bad path.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const decodeErrorFromParseError = (url: string, error: ParseResult.ParseError): TwilioDecodeError => {
  const { message, path } = firstIssue(error)
  return new TwilioDecodeError({ url, path, reason: message })
}

const attemptsText = (attempts: number) => attempts > 1 ? ` (after ${attempts} attempts)` : ""
