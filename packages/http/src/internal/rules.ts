/**
 * The rule of each setting, written once and checked alike for code (`TwilioConfig.make`) and the
 * environment (`TwilioConfig.environment`). A failure's message is the rule alone ("must be …, got
 * …", the value as it was given, never a secret's): the ConfigError's path names the setting.
 */
import * as Url from "@effect/platform/Url"
import { Sid } from "@twilio-bindings/domain"
import { Duration, Either, Option, ParseResult, Redacted, Schema } from "effect"
import { formatValue } from "../TwilioError.js"

export const MAX_RETRIES = 1000

const withRule = (rule: string) => ({
  message: (issue: ParseResult.ParseIssue) => ({ message: `${rule}, got ${formatValue(issue.actual)}`, override: true })
})

/** Loopback: `localhost`, all of 127.0.0.0/8 and `[::1]`, as the URL parser normalises them (`127.1` too). */
export const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname)

export const ApiKeySid = Sid.make("SK", "ApiKeySid")

const isNotEmpty = (secret: Redacted.Redacted<string>) => Redacted.value(secret) !== ""
// never echoed: a secret has no "got" part
const notEmpty = { message: () => "must not be empty" }

// A pasted token often brings a line break or a space along; Twilio would answer 401 without saying why.
const isTrimmed = (secret: Redacted.Redacted<string>) => Redacted.value(secret).trim() === Redacted.value(secret)
const trimmed = { message: () => "must not begin or end with a space or a line break" }

/** A secret given in code, already `Redacted`. */
export const Secret = Schema.RedactedFromSelf(Schema.String).pipe(
  Schema.filter(isNotEmpty, notEmpty),
  Schema.filter(isTrimmed, trimmed)
)

/** A secret read from a variable. */
export const SecretText = Schema.Redacted(Schema.String).pipe(
  Schema.filter(isNotEmpty, notEmpty),
  Schema.filter(isTrimmed, trimmed)
)

export const HostLabel = Schema.String.pipe(Schema.pattern(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)).annotations(
  withRule(`must be a hostname label such as "sydney" or "au1"`)
)

export const BaseUrl = Schema.String.pipe(Schema.filter((text) =>
  Either.match(Url.fromString(text), {
    // not echoed: a mistyped value may hold a secret
    onLeft: () => "must be an absolute URL such as https://chat.twilio.com",
    onRight: (url) =>
      url.username !== "" || url.password !== ""
        ? "must not carry credentials"
        : url.search !== "" || url.hash !== ""
        ? "must not have a query or a fragment"
        : url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname))
        ? true
        : `must use https (http only on a loopback host), got ${formatValue(text)}`
  })
))

const maxRetriesRule = withRule(`must be a whole number from 0 to ${MAX_RETRIES}`)
const WholeRetries = Schema.Number.pipe(Schema.int(), Schema.between(0, MAX_RETRIES))

export const MaxRetries = WholeRetries.annotations(maxRetriesRule)

/** The text is what a message shows: "2000" or "1.5" as typed, not a number parsed from it. */
export const MaxRetriesText = Schema.compose(Schema.NumberFromString, WholeRetries).annotations(maxRetriesRule)

/** A positive, finite duration: a `DurationInput` from code, or the text of a variable. */
export const Delay = Schema.transformOrFail(Schema.Unknown, Schema.DurationFromSelf, {
  strict: true,
  decode: (input, _, ast) =>
    Option.match(Duration.decodeUnknown(input), {
      onNone: () => ParseResult.fail(new ParseResult.Type(ast, input)),
      onSome: ParseResult.succeed
    }),
  encode: ParseResult.succeed
}).pipe(
  Schema.filter((duration) => Duration.greaterThan(duration, Duration.zero) && Duration.isFinite(duration)),
  Schema.annotations(withRule(`must be a positive duration such as "30 seconds"`))
)
