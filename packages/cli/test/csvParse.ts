/**
 * An RFC 4180 reader for the tests: reads back what the CSV format writes, so that a test can compare
 * fields rather than text.
 */

/**
 * Parses CSV text into records. Accepts CRLF or LF line breaks; a final line break is optional.
 * Fails (throws) on a quote inside an unquoted field or an unterminated quoted field.
 */
export const parseCsv = (text: string): Array<Array<string>> => {
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
