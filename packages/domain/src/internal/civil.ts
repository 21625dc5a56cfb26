/**
 * The calendar behind `TwilioDateTime`: wall-clock fields to instants, with impossible dates
 * refused, and the two ways of reading the wire text (Twilio's own form without a regex, any
 * RFC 3339 date-time with one).
 */
/**
 * RFC 3339 date-time: what Twilio sends, and what this schema accepts. Anything looser (a bare
 * date, a local time without an offset) is rejected rather than guessed at. The groups are the
 * fields, checked by {@link civilMillis} as the common form's are.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/

/** Milliseconds in a UTC day. */
export const MILLIS_PER_DAY = 86_400_000

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
 * Whether a text has the separators of Twilio's form `YYYY-MM-DDTHH:MM:SSZ` (its digits unchecked):
 * for a timestamp already validated, whether it is in that form.
 */
export const hasCommonShape = (text: string): boolean =>
  text.length === 20 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 &&
  text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58 && text.charCodeAt(19) === 90

/**
 * The hot path: Twilio's own form, `YYYY-MM-DDTHH:MM:SSZ`, read without a regex. `null` when the
 * text is not in that form (the general way then reads it); `undefined` when it is but names no
 * real instant.
 */
export const parseCommonForm = (text: string): number | undefined | null => {
  if (!hasCommonShape(text)) return null
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
export const parseGeneralForm = (text: string): number | undefined => {
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

/** The instant of any RFC 3339 date-time, Twilio's own form read first and without a regex. */
export const parseMillis = (text: string): number | undefined => {
  const common = parseCommonForm(text)
  return common === null ? parseGeneralForm(text) : common
}
