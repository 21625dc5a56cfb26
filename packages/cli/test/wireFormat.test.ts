/**
 * The formats write wire records straight from `JSON.parse` (checked, never built into models): their
 * output must be byte for byte what they wrote from the decoded models, whatever form the records
 * come in (timestamps with a fraction or an offset, unknown fields, another key order, `links` null or
 * absent, nulls, any text).
 */
import { assert, describe, it } from "@effect/vitest"
import { Binding, WireEncoder } from "@twilio-bindings/domain"
import { Generators } from "@twilio-bindings/testing"
import { Effect, FastCheck as fc, Schema } from "effect"
import { Format } from "../src/index.js"

const decodeAll = Schema.decodeUnknownSync(Schema.Array(Binding.Binding))

type Record = { [key: string]: unknown }

const dateForms = ["", ".000", ".5", ".123456789"].flatMap((fraction) =>
  ["Z", "+00:00", "-07:30", "+14:00"].map((offset) => (date: string) =>
    /:\d\dZ$/.test(date) ? date.replace(/Z$/, fraction + offset) : date
  )
)

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2", "@A1", "\tx", "\rx", "a,b", "q\"q", "l\nl"),
  fc.constantFrom("Zoë Ångström", "名前", "😀👍🏽", "\u202egnp.exe", "\u0000\u009b")
)

/** A change that keeps a wire record valid: what the schema accepts beyond Twilio's usual form. */
const mutation: fc.Arbitrary<(record: Record) => void> = fc.oneof(
  fc.constant(() => {}),
  fc.tuple(fc.constantFrom("date_created", "date_updated"), fc.constantFrom(...dateForms)).map(
    ([key, form]) => (record: Record) => {
      // once per timestamp: a form applied to another form is no timestamp
      if (typeof record[key] === "string" && (record[key] as string).endsWith("Z")) {
        record[key] = form(record[key] as string)
      }
    }
  ),
  fc.constant((record: Record) => void (record.date_updated = record.date_created)),
  fc.constantFrom<(record: Record) => void>(
    (record) => void delete record.links,
    (record) => void (record.links = null),
    (record) => void (record.links = { user: "https://x.example/Users/é", "__proto__": "p", "": "" })
  ),
  fc.tuple(
    fc.constantFrom(
      "sid",
      "account_sid",
      "credential_sid",
      "date_created",
      "date_updated",
      "endpoint",
      "identity",
      "message_types",
      "url"
    ),
    fc.boolean()
  ).map(([key]) => (record: Record) => void (record[key] = null)),
  fc.tuple(fc.constantFrom("identity", "endpoint", "url"), text).map(([key, value]) => (record: Record) =>
    void (record[key] = value)
  ),
  fc.array(text, { maxLength: 3 }).map((types) => (record: Record) => void (record.message_types = types)),
  fc.tuple(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => (record: Record) => {
    if (!Object.hasOwn(record, key) && key !== "__proto__") record[key] = value
  }),
  fc.constant((record: Record) => {
    // Twilio's key order is not the schema's
    const entries = Object.entries(record).reverse()
    for (const [key] of entries) delete record[key]
    for (const [key, value] of entries) record[key] = value
  })
)

/** Generated wire records with changes applied, each through `JSON.parse` as a listing gets them. */
const records = fc.tuple(
  fc.integer({ min: 0, max: 1000 }),
  fc.array(fc.array(mutation, { maxLength: 4 }), { minLength: 1, maxLength: 12 })
).map(([seed, changes]) =>
  Generators.generateBindings({ seed, count: changes.length }).map((binding, i) => {
    const record: Record = JSON.parse(JSON.stringify(binding))
    for (const change of changes[i]!) change(record)
    return JSON.parse(JSON.stringify(record)) as Binding.BindingWire
  })
)

const [table120, table40] = await Effect.runPromise(Effect.all([Format.table(120), Format.table(40)]))

describe("the formats on wire records", () => {
  it.prop("write what they wrote from the decoded models, byte for byte", [records], ([wire]) => {
    const models = decodeAll(wire)
    // the text the formats wrote from models: the domain's encoder, field by field
    const encoded = WireEncoder.encodeBindings(models)
    assert.strictEqual(Format.jsonl.page(wire), models.map((b) => WireEncoder.encodeBindingJson(b) + "\n").join(""))
    assert.strictEqual(Format.jsonl.page(wire), encoded.map((b) => JSON.stringify(b) + "\n").join(""))
    for (const formatter of [Format.csv, Format.csvRaw, table120, table40]) {
      assert.strictEqual(formatter.page(wire), formatter.page(encoded))
    }
  }, { fastCheck: { numRuns: 300 } })

  it("keeps null fields, links null and absent, and unknown fields out", () => {
    const [first, second] = Generators.generateBindings({ seed: 1, count: 2 })
    const wire = [
      {
        extra: 1,
        ...first!,
        credential_sid: null,
        message_types: null,
        links: null,
        date_created: "2020-02-29T23:59:59.250+00:00"
      },
      { ...second!, links: undefined, identity: "=1+2" }
    ].map((record) => JSON.parse(JSON.stringify(record)) as Binding.BindingWire)
    decodeAll(wire)
    const [line1, line2] = Format.jsonl.page(wire).split("\n")
    assert.include(line1, `"credential_sid":null,"date_created":"2020-02-29T23:59:59.250Z"`)
    assert.include(line1, `"message_types":null`)
    assert.isTrue(line1!.endsWith(`,"links":null}`))
    assert.notInclude(line1, "extra")
    assert.isTrue(line1!.startsWith(`{"sid":`))
    assert.notInclude(line2, "links")
    assert.include(Format.csv.page(wire), ",'=1+2,")
    assert.include(Format.csvRaw.page(wire), ",=1+2,")
  })
})
