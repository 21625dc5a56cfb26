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

/**
 * What a spreadsheet takes for the start of a formula (or, for tab and CR, a cell it trims and then
 * reads as one): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A field that a spreadsheet will show as text: one that would start a formula gets a leading `'`,
 * as OWASP advises against CSV injection (`=HYPERLINK(…)` would otherwise run when the file is
 * opened). Every other field is left as it is.
 */
export const neutralise = (field: string): string => FORMULA_START.test(field) ? "'" + field : field

/** One record, with its line break. */
export const row = (fields: ReadonlyArray<string>): string => {
  let line = ""
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ","
    line += quote(fields[i]!)
  }
  return line + EOL
}
