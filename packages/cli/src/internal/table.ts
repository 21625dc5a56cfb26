/**
 * The table format (see `Format.table`), in its own module with the text measuring it needs: loaded
 * only when a table is made.
 *
 * @internal
 */
import type { Formatter, WireRecord } from "../Format.js"
import * as Text from "./text.js"
import * as TextWidth from "./textWidth.js"

const GAP = "  "

interface Column {
  readonly title: string
  readonly width: number
  readonly cell: (binding: WireRecord) => string
}

const cellText = (value: string | null | undefined) => value === null || value === undefined ? "" : Text.sanitize(value)

/** Fixed columns are as wide as their values; identity and endpoint share what is left. */
const tableColumns = (width: number): ReadonlyArray<Column> => {
  const fixed = 34 + 12 + 20 + GAP.length * 4
  const flexible = Math.max(16, width - fixed)
  const identity = Math.min(32, Math.max(8, Math.floor(flexible * 0.4)))
  return [
    { title: "sid", width: 34, cell: (b) => cellText(b.sid) },
    { title: "binding_type", width: 12, cell: (b) => cellText(b.binding_type) },
    { title: "identity", width: identity, cell: (b) => cellText(b.identity) },
    { title: "endpoint", width: Math.max(8, flexible - identity), cell: (b) => cellText(b.endpoint) },
    { title: "date_created", width: 20, cell: (b) => cellText(b.date_created) }
  ]
}

/** The table of `width` columns; `canonical` gives a record as its schema's encoding writes it. */
export const make = (canonical: (record: WireRecord) => WireRecord, width: number): Formatter => {
  const columns = tableColumns(width)
  const last = columns.length - 1
  const line = (cells: ReadonlyArray<string>) => {
    let out = ""
    for (let i = 0; i <= last; i++) {
      out += i === last
        ? TextWidth.truncate(cells[i]!, columns[i]!.width)
        : TextWidth.fit(cells[i]!, columns[i]!.width) + GAP
    }
    return TextWidth.truncate(out.trimEnd(), width) + "\n"
  }
  return {
    header: line(columns.map((column) => column.title)),
    page: (bindings) => {
      let out = ""
      for (const wire of bindings) {
        const b = canonical(wire)
        out += line(columns.map((column) => column.cell(b)))
      }
      return out
    }
  }
}
