import { assert, describe, it } from "@effect/vitest"
import { Binding } from "@twilio-bindings/domain"
import { FakeTwilio, Generators } from "@twilio-bindings/testing"
import { Effect, FastCheck, Schema } from "effect"
import { Format } from "../src/index.js"
import * as Text from "../src/internal/text.js"
import * as TextWidth from "../src/internal/textWidth.js"
import { parseCsv } from "./csvParse.js"
import { awkwardBindings, runInProcess } from "./utils.js"

/** Wire records that pass the schema's checks, as `Bindings.wirePages` gives them to a formatter. */
const validated = <A extends ReadonlyArray<Binding.BindingWire>>(records: A): A => {
  Schema.decodeUnknownSync(Schema.Array(Binding.Binding))(records)
  return records
}

const wire = Generators.generateBindings({ seed: 3, count: 40 })
const decoded = validated(wire)

// tables are made as the command makes them: an effect that loads the table's code on first use
const [table80, table100, table200] = await Effect.runPromise(
  Effect.all([Format.table(80), Format.table(100), Format.table(200)])
)

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
    const page = validated(awkward)
    const records = parseCsv(Format.csv.header + Format.csv.page(page))
    const identity = Format.csvColumns.indexOf("identity")
    assert.deepStrictEqual(records.slice(1).map((record) => record[identity]), awkward.map((b) => b.identity ?? ""))
  })

  it("table cuts every line to the width and shows control characters escaped", () => {
    const awkward = validated(awkwardBindings(Generators.serviceSid(1)))
    const lines = (table80.header + table80.page([...decoded, ...awkward])).split("\n").slice(0, -1)
    assert.strictEqual(lines.length, 1 + decoded.length + awkward.length)
    for (const line of lines) assert.isAtMost(TextWidth.width(line), 80, line)
    assert.isTrue(lines.some((line) => line.endsWith("…")), "long lines are marked as cut")
    assert.isTrue(lines[0]!.startsWith("sid"), "the header names the columns")
    assert.isTrue(lines.some((line) => line.includes("two\\n")))
    assert.isFalse(lines.some((line) => line.includes("\r")))
  })

  const formulaIdentities = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3+4", "@SUM(A1)", "\tx", "\rx"]
  const withIdentities = (identities: ReadonlyArray<string>) =>
    validated(
      Generators.generateBindings({ seed: 5, count: identities.length }).map((binding, i) => ({
        ...binding,
        identity: identities[i]!
      }))
    )
  const identitiesOf = (formatter: Format.Formatter, bindings: ReadonlyArray<Binding.BindingWire>) =>
    parseCsv(formatter.header + formatter.page(bindings)).slice(1).map((record) =>
      record[Format.csvColumns.indexOf("identity")]
    )

  it("csv writes formula-like identities as text for spreadsheets: a leading quote", () => {
    const bindings = withIdentities(formulaIdentities)
    assert.deepStrictEqual(identitiesOf(Format.csv, bindings), formulaIdentities.map((identity) => "'" + identity))
    assert.strictEqual(Effect.runSync(Format.make("csv")), Format.csv)
  })

  it("csv with csvRaw writes the exact values", () => {
    const bindings = withIdentities(formulaIdentities)
    assert.strictEqual(Effect.runSync(Format.make("csv", { csvRaw: true })), Format.csvRaw)
    assert.deepStrictEqual(identitiesOf(Format.csvRaw, bindings), formulaIdentities)
  })

  it("table escapes C1 controls, bidi controls and line separators", () => {
    const identities = ["a\u009b31mb", "\u202egnp.exe", "x\u2066y\u2069", "l\u200er\u200f", "one\u2028two", "del\u007f"]
    const lines = table200.page(withIdentities(identities)).split("\n").slice(0, -1)
    assert.strictEqual(lines.length, identities.length)
    const expected = [
      "a\\u009b31mb",
      "\\u202egnp.exe",
      "x\\u2066y\\u2069",
      "l\\u200er\\u200f",
      "one\\u2028two",
      "del\\u007f"
    ]
    lines.forEach((line, i) => assert.include(line, expected[i]!))
  })

  /** Any character, weighted towards the C0, C1 and General Punctuation blocks where the dangerous ones are. */
  const riskyChar = FastCheck.oneof(
    FastCheck.integer({ min: 0, max: 0x3f }),
    FastCheck.integer({ min: 0x7e, max: 0xa0 }),
    FastCheck.integer({ min: 0x2000, max: 0x206f }),
    FastCheck.constant(0x061c),
    FastCheck.integer({ min: 0, max: 0x10ffff })
  ).map((code) => String.fromCodePoint(code))

  it.prop(
    "table lines never hold a control, bidi or line-separator character, whatever the identity",
    [FastCheck.array(FastCheck.string({ unit: riskyChar }), { minLength: 1, maxLength: 5 })],
    ([identities]) => {
      const text = table100.page(withIdentities(identities))
      const lines = text.split("\n")
      assert.strictEqual(lines.length, identities.length + 1)
      assert.notMatch(
        text.replaceAll("\n", ""),
        /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/
      )
    }
  )

  it("table measures emoji and combining marks by their terminal width and never splits a cluster", () => {
    assert.strictEqual(TextWidth.width("👍"), 2)
    assert.strictEqual(TextWidth.width("👨‍👩‍👧"), 2)
    assert.strictEqual(TextWidth.width("e\u0301"), 1)
    assert.strictEqual(TextWidth.width("한국어"), 6)
    assert.strictEqual(TextWidth.truncate("e\u0301e\u0301e\u0301", 2), "e\u0301…")
    assert.strictEqual(TextWidth.truncate("👨‍👩‍👧👨‍👩‍👧", 3), "👨‍👩‍👧…")
    assert.strictEqual(TextWidth.width(TextWidth.fit("👍x", 6)), 6)
  })

  it("table keeps wide characters within the width", () => {
    assert.strictEqual(TextWidth.width(TextWidth.truncate("山田太郎山田太郎", 7)), 7)
    assert.strictEqual(TextWidth.truncate("山田太郎山田太郎", 7), "山田太…")
    assert.strictEqual(TextWidth.width(TextWidth.fit("山田", 7)), 7)
    assert.strictEqual(Text.sanitize("a\u001b[31mb"), "a\\u001b[31mb")
  })

  it("a wide table shows every column in full", () => {
    const line = table200.page(decoded.slice(0, 1)).trimEnd()
    const binding = wire[0]!
    assert.include(line, binding.sid!)
    assert.include(line, binding.date_created!)
    assert.include(line, binding.binding_type)
  })
})

describe("bindings list --format csv", () => {
  const formulaService = Generators.serviceSid(7)
  const formulas = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3+4", "@SUM(A1)", "alice"]
  const FormulaFake = FakeTwilio.layer({
    services: [{
      serviceSid: formulaService,
      bindings: Generators.generateBindings({ seed: 8, count: formulas.length, serviceSid: formulaService }).map((
        binding,
        i
      ) => ({ ...binding, identity: formulas[i]! }))
    }]
  })
  const identities = (stdout: string) =>
    parseCsv(stdout).slice(1).map((record) => record[Format.csvColumns.indexOf("identity")])

  it.effect("guards formula-like fields by default and writes exact values with --csv-raw", () =>
    Effect.gen(function*() {
      const guarded = yield* runInProcess(["list", "--service", formulaService, "--format", "csv"])
      assert.strictEqual(guarded.exitCode, 0)
      assert.deepStrictEqual(identities(guarded.stdout), ["'" + formulas[0], "'+1+2", "'-3+4", "'@SUM(A1)", "alice"])
      const raw = yield* runInProcess(["list", "--service", formulaService, "--format", "csv", "--csv-raw"])
      assert.strictEqual(raw.exitCode, 0)
      assert.deepStrictEqual(identities(raw.stdout), formulas)
    }).pipe(Effect.provide(FormulaFake)))
})
