/**
 * Twilio's wire form of a timestamp: ISO 8601 in UTC, to the second (`2016-10-21T11:37:03Z`).
 *
 * @since 0.1.0
 */
import { DateTime, ParseResult, Schema } from "effect"

/**
 * RFC 3339 date-time: what Twilio sends, and what this schema accepts. Anything looser (a bare
 * date, a local time without an offset) is rejected rather than guessed at. The groups are the
 * fields, checked by {@link civilMillis} as the common form's are.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/

/** 1970-01-01 to 2100-01-01: the range generated values fall in. */
const ARBITRARY_MAX_MILLIS = 4_102_444_800_000

const MILLIS_PER_DAY = 86_400_000

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days-from-civil), for any
 * year: unlike `Date.UTC`, years 0..99 are not taken for 1900..1999.
 */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * The instant of a UTC wall-clock time, or `undefined` when the calendar has no such time: a 13th
 * month, February 30th, 24:00. `Date.UTC` and `Date.parse` roll those over into the next day or
 * month instead, which would turn a corrupt timestamp into a plausible wrong one.
 */
const civilMillis = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number
): number | undefined => {
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
    second < 0 || second > 59
  ) return undefined
  const daysInMonth = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!
  if (day > daysInMonth) return undefined
  return daysFromCivil(year, month, day) * MILLIS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000
}

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
  const days = Math.floor(millis / MILLIS_PER_DAY)
  const millisOfDay = millis - days * MILLIS_PER_DAY
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
 * The hot path: Twilio's own form, `YYYY-MM-DDTHH:MM:SSZ`, read without a regex. `null` when the
 * text is not in that form (the general way then reads it); `undefined` when it is but names no
 * real instant.
 */
const parseCommonForm = (text: string): number | undefined | null => {
  if (
    text.length !== 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 90
  ) return null
  return civilMillis(
    digitsAt(text, 0, 4),
    digitsAt(text, 5, 7),
    digitsAt(text, 8, 10),
    digitsAt(text, 11, 13),
    digitsAt(text, 14, 16),
    digitsAt(text, 17, 19)
  )
}

/** Any RFC 3339 date-time: fractions (cut to milliseconds, as `Date.parse` does) and offsets. */
const parseGeneralForm = (text: string): number | undefined => {
  const match = RFC3339.exec(text)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = match
  const local = civilMillis(+year!, +month!, +day!, +hour!, +minute!, +second!)
  if (local === undefined) return undefined
  const millis = fraction === undefined ? 0 : +fraction.slice(0, 3).padEnd(3, "0")
  if (sign === undefined) return local + millis
  const offset = civilMillis(1970, 1, 1, +offsetHours!, +offsetMinutes!, 0)
  if (offset === undefined) return undefined
  return local + millis - (sign === "+" ? offset : -offset)
}

/**
 * Parses Twilio's timestamp form; `undefined` when the text is not an RFC 3339 date-time or
 * names no real instant (February 30th, 24:00, a 13th month).
 *
 * @since 0.1.0
 * @category Parsing
 */
export const parse = (text: string): DateTime.Utc | undefined => {
  const common = parseCommonForm(text)
  const millis = common === null ? parseGeneralForm(text) : common
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
