/**
 * Twilio's wire form of a timestamp: ISO 8601 in UTC, to the second (`2016-10-21T11:37:03Z`).
 *
 * @since 0.1.0
 */
import { DateTime, ParseResult, Schema } from "effect"
import * as Civil from "./internal/civil.js"

/** 1970-01-01 to 2100-01-01: the range generated values fall in. */
const ARBITRARY_MAX_MILLIS = 4_102_444_800_000

const two = (n: number) => n < 10 ? "0" + n : String(n)

/** A year as `toISOString` writes it: four digits in 0..9999, otherwise signed and six digits. */
const yearText = (year: number): string =>
  year >= 0 && year <= 9999
    ? String(year).padStart(4, "0")
    : (year < 0 ? "-" : "+") + String(Math.abs(year)).padStart(6, "0")

/**
 * Formats a UTC instant as Twilio does: `YYYY-MM-DDTHH:MM:SSZ`, keeping milliseconds only when
 * they are not zero so that no information is lost. Written without a `Date` (Howard Hinnant's
 * civil-from-days): this runs twice per binding of an export.
 *
 * @since 0.1.0
 * @category Formatting
 */
export const format = (dateTime: DateTime.Utc): string => {
  const millis = dateTime.epochMillis
  const days = Math.floor(millis / Civil.MILLIS_PER_DAY)
  const millisOfDay = millis - days * Civil.MILLIS_PER_DAY
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
  const secondOfDay = Math.floor(millisOfDay / 1000)
  const fraction = millisOfDay - secondOfDay * 1000
  const hour = Math.floor(secondOfDay / 3600)
  const minute = Math.floor((secondOfDay % 3600) / 60)
  return `${yearText(year)}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(secondOfDay % 60)}${
    fraction === 0 ? "" : "." + String(fraction).padStart(3, "0")
  }Z`
}

/**
 * Parses Twilio's timestamp form; `undefined` when the text is not an RFC 3339 date-time or
 * names no real instant (February 30th, 24:00, a 13th month).
 *
 * @since 0.1.0
 * @category Parsing
 */
export const parse = (text: string): DateTime.Utc | undefined => {
  const millis = Civil.parseMillis(text)
  return millis === undefined ? undefined : DateTime.unsafeMake(millis)
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
