/**
 * The output formats of a listing: JSON Lines in Twilio's wire JSON, CSV (RFC 4180) and a table
 * for terminals. Each turns a page of bindings, as validated wire records, into one string, written
 * with one write: no model is built only to be encoded back to the JSON it came from.
 *
 * @since 0.1.0
 */
import type { Binding, ConversationsBinding, Product } from "@twilio-bindings/domain"
import { Resource } from "@twilio-bindings/domain"
import { Effect, Schema } from "effect"
import * as Csv from "./internal/csv.js"

/**
 * The format names, as `--format` accepts them.
 *
 * @since 0.1.0
 * @category Constants
 */
export const formats = ["jsonl", "csv", "table"] as const

/**
 * An output format, as `--format` takes it.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Format = Schema.Literal(...formats).annotations({
  identifier: "Format",
  description: `one of ${formats.join(", ")}`
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Format = typeof Format.Type

/**
 * A binding as the formats read it: a Chat v2 or a Conversations v1 wire record.
 *
 * @since 0.1.0
 * @category Models
 */
export type WireRecord = Binding.BindingWire | ConversationsBinding.ConversationsBindingWire

/**
 * Renders pages of bindings as text.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Formatter {
  /** Written once before the first page ("" when the format has no header). */
  readonly header: string
  /**
   * The text of one page: one line (record) per binding, each ending with a line break. The bindings
   * are wire records that passed the checks of their product's schema (as `wirePages` gives them):
   * each is written as the schema would encode it back (its fields in the schema's order, unknown
   * fields left out, timestamps in Twilio's form).
   */
  readonly page: (bindings: ReadonlyArray<WireRecord>) => string
}

/**
 * JSON Lines: one binding per line, as Twilio's wire JSON.
 *
 * @since 0.1.0
 * @category Formats
 */
export const jsonl: Formatter = jsonlOf("chat")

/** A validated record as its schema's `encode` writes it: the fields written by every format. */
function canonicalOf(product: Product.Product): (record: WireRecord) => Record<string, unknown> {
  return Resource.byProduct[product].canonicalWire as (record: WireRecord) => Record<string, unknown>
}

/** The wire key of the service's SID: `service_sid` on Chat, `chat_service_sid` on Conversations. */
function serviceKey(product: Product.Product): string {
  return product === "chat" ? "service_sid" : "chat_service_sid"
}

function jsonlOf(product: Product.Product): Formatter {
  const canonical = canonicalOf(product)
  return {
    header: "",
    page: (bindings) => {
      let text = ""
      // a record as Twilio sends it is its own canonical form: one native JSON.stringify writes the line
      for (let i = 0; i < bindings.length; i++) text += JSON.stringify(canonical(bindings[i]!)) + "\n"
      return text
    }
  }
}

/**
 * The CSV columns of Chat's bindings, in order: the documented wire fields (`links` is left out: it is
 * derived from `url`).
 *
 * @since 0.1.0
 * @category Constants
 */
export const csvColumns = [
  "sid",
  "account_sid",
  "service_sid",
  "credential_sid",
  "date_created",
  "date_updated",
  "endpoint",
  "identity",
  "binding_type",
  "message_types",
  "url"
] as const

/**
 * The CSV columns of a product's bindings: Chat's, with `chat_service_sid` for `service_sid` on
 * Conversations.
 *
 * @since 0.1.0
 * @category Constants
 */
export const csvColumnsOf = (product: Product.Product): ReadonlyArray<string> =>
  csvColumns.map((column) => column === "service_sid" ? serviceKey(product) : column)

/**
 * The separator of array values (`message_types`) inside one CSV field.
 *
 * @since 0.1.0
 * @category Constants
 */
export const CSV_ARRAY_SEPARATOR = ";"

const csvField = (value: string | ReadonlyArray<string> | null | undefined): string =>
  value === null || value === undefined ? "" : typeof value === "string" ? value : value.join(CSV_ARRAY_SEPARATOR)

/** The CSV formatter of a product whose every field goes through `cell` once it is text. */
function csvWith(product: Product.Product, cell: (field: string) => string): Formatter {
  const columns = csvColumnsOf(product)
  const canonical = canonicalOf(product)
  return {
    header: Csv.row(columns),
    page: (bindings) => {
      let text = ""
      for (const wire of bindings) {
        const b = canonical(wire)
        text += Csv.row(columns.map((column) => cell(csvField(b[column] as string | ReadonlyArray<string> | null))))
      }
      return text
    }
  }
}

/**
 * CSV (RFC 4180): a header, then one record per binding with the wire values; arrays joined with
 * `;`, nulls empty, fields quoted when they hold a comma, a quote or a line break; CRLF line breaks.
 * A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
 * that a spreadsheet shows it as text instead of running it as a formula (an identity such as
 * `=HYPERLINK("http://evil.example","x")` is data anyone can register). {@link csvRaw} writes the
 * exact values.
 *
 * @since 0.1.0
 * @category Formats
 */
export const csv: Formatter = csvWith("chat", Csv.neutralise)

/**
 * CSV with the exact wire values: {@link csv} without the leading `'` on formula-like fields, for
 * programs that read the file (never open it in a spreadsheet).
 *
 * @since 0.1.0
 * @category Formats
 */
export const csvRaw: Formatter = csvWith("chat", (field) => field)

/**
 * The width a table uses when the output is not a terminal that reports one.
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_TABLE_WIDTH = 120

/**
 * A readable table: sid, binding_type, identity, endpoint and date_created, one binding per line,
 * every line cut to `width` terminal columns (`…` marks a cut). Control characters (C0, C1, DEL), bidi
 * controls (U+202E…) and line separators in the data are shown escaped (`\n`, `\u009b`), never sent to
 * the terminal.
 *
 * @since 0.1.0
 * @category Formats
 */
export const table = (width: number = DEFAULT_TABLE_WIDTH): Effect.Effect<Formatter> => tableOf("chat", width)

// The table's module is loaded on first use: the text measuring it needs costs ~20 ms as it loads,
// which a listing to a pipe would pay for nothing.
const tableModule = Effect.promise(() => import("./internal/table.js"))

const tableOf = (product: Product.Product, width: number): Effect.Effect<Formatter> =>
  Effect.map(
    tableModule,
    (Table) => Table.make(canonicalOf(product) as (record: WireRecord) => WireRecord, width)
  )

/**
 * The formatter of a format, for a product's bindings (Chat unless `product` says). An effect: a
 * table loads the code that measures text on first use.
 *
 * @example
 * ```ts
 * import { Format } from "@twilio-bindings/cli"
 * import { Effect } from "effect"
 *
 * const header = Effect.map(Format.make("csv"), (formatter) => formatter.header)
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (
  format: Format,
  options: {
    readonly width?: number | undefined
    readonly csvRaw?: boolean | undefined
    readonly product?: Product.Product | undefined
  } = {}
): Effect.Effect<Formatter> => {
  const product = options.product ?? "chat"
  switch (format) {
    case "jsonl":
      return Effect.succeed(product === "chat" ? jsonl : jsonlOf(product))
    case "csv":
      return Effect.succeed(
        product === "chat"
          ? options.csvRaw === true ? csvRaw : csv
          : csvWith(product, options.csvRaw === true ? (field) => field : Csv.neutralise)
      )
    case "table":
      return tableOf(product, options.width ?? DEFAULT_TABLE_WIDTH)
  }
}
