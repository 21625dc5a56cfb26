/**
 * A small RFC 4180 writer: fields that hold a comma, a double quote, CR or LF are quoted,
 * with inner quotes doubled; records end with CRLF.
 *
 * @internal
 */

/** The record separator RFC 4180 prescribes. */
export const EOL = "\r\n"

const NEEDS_QUOTES = /[",\r\n]/

/** One field, quoted when it must be. */
export const quote = (field: string): string => NEEDS_QUOTES.test(field) ? `"${field.replaceAll("\"", "\"\"")}"` : field

/** One record, with its line break. */
export const row = (fields: ReadonlyArray<string>): string => {
  let line = ""
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ","
    line += quote(fields[i]!)
  }
  return line + EOL
}
