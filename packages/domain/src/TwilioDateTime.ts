/**
 * Twilio's wire form of a timestamp: ISO 8601 in UTC, to the second (`2016-10-21T11:37:03Z`).
 *
 * @since 0.1.0
 */
import { DateTime, ParseResult, Schema } from "effect"

/**
 * RFC 3339 date-time: what Twilio sends, and what this schema accepts. Anything looser (a bare
 * date, a local time without an offset) is rejected rather than guessed at.
 */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/

/** 1970-01-01 to 2100-01-01: the range generated values fall in. */
const ARBITRARY_MAX_MILLIS = 4_102_444_800_000

/**
 * Formats a UTC instant as Twilio does: `YYYY-MM-DDTHH:MM:SSZ`, keeping milliseconds only when
 * they are not zero so that no information is lost.
 *
 * @since 0.1.0
 * @category Formatting
 */
export const format = (dateTime: DateTime.Utc): string => {
  const iso = new Date(dateTime.epochMillis).toISOString()
  return iso.endsWith(".000Z") ? iso.slice(0, -5) + "Z" : iso
}

/**
 * Parses Twilio's timestamp form; `undefined` when the text is not an RFC 3339 date-time or
 * names no real instant.
 *
 * @since 0.1.0
 * @category Parsing
 */
export const parse = (text: string): DateTime.Utc | undefined => {
  if (!RFC3339.test(text)) return undefined
  const millis = Date.parse(text)
  return Number.isNaN(millis) ? undefined : DateTime.unsafeMake(millis)
}

const UtcInstant = Schema.DateTimeUtcFromSelf.annotations({
  arbitrary: () => (fc) => fc.integer({ min: 0, max: ARBITRARY_MAX_MILLIS }).map((ms) => DateTime.unsafeMake(ms))
})

/**
 * A timestamp on the wire (`"2016-10-21T11:37:03Z"`) decoded to a `DateTime.Utc`; encoding gives
 * back the same text.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TwilioDateTime = Schema.transformOrFail(
  Schema.String.annotations({ description: "an ISO 8601 date-time such as 2016-10-21T11:37:03Z" }),
  UtcInstant,
  {
    strict: true,
    decode: (text, _, ast) => {
      const parsed = parse(text)
      return parsed === undefined
        ? ParseResult.fail(
          new ParseResult.Type(
            ast,
            text,
            `expected an ISO 8601 date-time such as 2016-10-21T11:37:03Z, got ${JSON.stringify(text)}`
          )
        )
        : ParseResult.succeed(parsed)
    },
    encode: (dateTime) => ParseResult.succeed(format(dateTime))
  }
).annotations({ identifier: "TwilioDateTime" })
