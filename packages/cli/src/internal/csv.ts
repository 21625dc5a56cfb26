/**
 * A small RFC 4180 writer and reader: fields that hold a comma, a double quote, CR or LF are quoted,
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

/**
 * Parses CSV text into records. Accepts CRLF or LF line breaks; a final line break is optional.
 * Fails (throws) on a quote inside an unquoted field or an unterminated quoted field.
 */
export const parse = (text: string): Array<Array<string>> => {
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let field = ""
  let i = 0
  let quoted = false
  let fieldStarted = false
  const endField = () => {
    record.push(field)
    field = ""
    fieldStarted = false
  }
  const endRecord = () => {
    endField()
    records.push(record)
    record = []
  }
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"") {
        if (text[i + 1] === "\"") {
          field += "\""
          i += 2
          continue
        }
        quoted = false
        i++
        const next = text[i]
        if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
          throw new Error(`unexpected ${JSON.stringify(next)} after a closing quote at ${i}`)
        }
        continue
      }
      field += c
      i++
      continue
    }
    if (c === "\"") {
      if (fieldStarted || field !== "") throw new Error(`unexpected quote inside an unquoted field at ${i}`)
      quoted = true
      fieldStarted = true
      i++
    } else if (c === ",") {
      endField()
      i++
    } else if (c === "\r" && text[i + 1] === "\n") {
      endRecord()
      i += 2
    } else if (c === "\n") {
      endRecord()
      i++
    } else {
      field += c
      i++
    }
  }
  if (quoted) throw new Error("unterminated quoted field")
  if (field !== "" || fieldStarted || record.length > 0) endRecord()
  return records
}
