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
  const millis = dateTime.epochMillis
  const fraction = ((millis % 1000) + 1000) % 1000
  // The export's hot path: whole seconds in years 1000..9999, written without a Date.
  if (fraction === 0 && millis >= MIN_FAST_MILLIS && millis < MAX_FAST_MILLIS) return formatWholeSeconds(millis)
  const iso = new Date(millis).toISOString()
  return iso.endsWith(".000Z") ? iso.slice(0, -5) + "Z" : iso
}

/** 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: where four-digit years start and end. */
const MIN_FAST_MILLIS = -30_610_224_000_000
const MAX_FAST_MILLIS = 253_402_300_800_000

const two = (n: number) => n < 10 ? "0" + n : String(n)

/** `YYYY-MM-DDTHH:MM:SSZ` of a whole-second instant (Howard Hinnant's civil-from-days). */
const formatWholeSeconds = (millis: number): string => {
  const seconds = Math.floor(millis / 1000)
  const days = Math.floor(seconds / 86_400)
  const secondOfDay = seconds - days * 86_400
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  const hour = Math.floor(secondOfDay / 3600)
  const minute = Math.floor((secondOfDay % 3600) / 60)
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(secondOfDay % 60)}Z`
}

/** The value of the decimal digits text[start..end), or -1 if any is not a digit. */
const digitsAt = (text: string, start: number, end: number): number => {
  let value = 0
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/**
 * The hot path: Twilio's own form, `YYYY-MM-DDTHH:MM:SSZ`, read without a regex. Only values that
 * `Date.parse` reads the same way are taken (years from 1000, hours to 23); anything else returns
 * `undefined` and goes the general way. A property test holds the two paths equal.
 */
const parseCommonForm = (text: string): number | undefined => {
  if (
    text.length !== 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 90
  ) return undefined
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 7)
  const day = digitsAt(text, 8, 10)
  const hour = digitsAt(text, 11, 13)
  const minute = digitsAt(text, 14, 16)
  const second = digitsAt(text, 17, 19)
  if (
    year < 1000 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
    minute > 59 || second < 0 || second > 59
  ) return undefined
  return Date.UTC(year, month - 1, day, hour, minute, second)
}

/**
 * Parses Twilio's timestamp form; `undefined` when the text is not an RFC 3339 date-time or
 * names no real instant.
 *
 * @since 0.1.0
 * @category Parsing
 */
export const parse = (text: string): DateTime.Utc | undefined => {
  const common = parseCommonForm(text)
  if (common !== undefined) return DateTime.unsafeMake(common)
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
