import { assert, describe, it } from "@effect/vitest"
import { Binding } from "@twilio-bindings/domain"
import { Generators } from "@twilio-bindings/testing"
import { Schema } from "effect"
import { Format } from "../src/index.js"
import * as Text from "../src/internal/text.js"
import { parseCsv } from "./csvParse.js"
import { awkwardBindings } from "./utils.js"

const wire = Generators.generateBindings({ seed: 3, count: 40 })
const decoded = Schema.decodeUnknownSync(Schema.Array(Binding.Binding))(wire)

describe("Format", () => {
  it("jsonl writes one line per binding, in Twilio's wire JSON", () => {
    const text = Format.jsonl.page(decoded)
    const lines = text.split("\n")
    assert.strictEqual(lines.pop(), "")
    assert.deepStrictEqual(lines.map((line): unknown => JSON.parse(line)), [...wire])
  })

  it("csv has the documented columns, arrays joined with ';' and nulls empty", () => {
    const records = parseCsv(Format.csv.header + Format.csv.page(decoded))
    assert.deepStrictEqual(records[0], [...Format.csvColumns])
    records.slice(1).forEach((record, i) => {
      const binding = wire[i]!
      Format.csvColumns.forEach((column, c) => {
        const value = binding[column]
        const expected = value === null ? "" : Array.isArray(value) ? value.join(";") : String(value)
        assert.strictEqual(record[c], expected, `${column} of binding ${i}`)
      })
    })
    assert.isTrue(wire.some((binding) => binding.credential_sid === null), "the sample has null fields")
  })

  it("csv quotes identities with commas, quotes and line breaks so they parse back", () => {
    const awkward = awkwardBindings(Generators.serviceSid(1))
    const page = Schema.decodeUnknownSync(Schema.Array(Binding.Binding))(awkward)
    const records = parseCsv(Format.csv.header + Format.csv.page(page))
    const identity = Format.csvColumns.indexOf("identity")
    assert.deepStrictEqual(records.slice(1).map((record) => record[identity]), awkward.map((b) => b.identity ?? ""))
  })

  it("table cuts every line to the width and shows control characters escaped", () => {
    const awkward = Schema.decodeUnknownSync(Schema.Array(Binding.Binding))(awkwardBindings(Generators.serviceSid(1)))
    const table = Format.table(80)
    const lines = (table.header + table.page([...decoded, ...awkward])).split("\n").slice(0, -1)
    assert.strictEqual(lines.length, 1 + decoded.length + awkward.length)
    for (const line of lines) assert.isAtMost(Text.width(line), 80, line)
    assert.isTrue(lines.some((line) => line.endsWith("…")), "long lines are marked as cut")
    assert.isTrue(lines[0]!.startsWith("sid"), "the header names the columns")
    assert.isTrue(lines.some((line) => line.includes("two\\n")))
    assert.isFalse(lines.some((line) => line.includes("\r")))
  })

  it("table keeps wide characters within the width", () => {
    assert.strictEqual(Text.width(Text.truncate("山田太郎山田太郎", 7)), 7)
    assert.strictEqual(Text.truncate("山田太郎山田太郎", 7), "山田太…")
    assert.strictEqual(Text.width(Text.fit("山田", 7)), 7)
    assert.strictEqual(Text.sanitize("a\u001b[31mb"), "a\\u001b[31mb")
  })

  it("a wide table shows every column in full", () => {
    const table = Format.table(200)
    const line = table.page(decoded.slice(0, 1)).trimEnd()
    const binding = wire[0]!
    assert.include(line, binding.sid!)
    assert.include(line, binding.date_created!)
    assert.include(line, binding.binding_type)
  })
})
