import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Data, Either, Equal, FastCheck as fc, Hash, Option, Pretty, Schema, Utils } from "effect"
import { inspect } from "node:util"
import { Binding, BindingPage, WireDecoder, WireEncoder } from "../src/index.js"
import { model } from "../src/internal/bindingWire.js"
import * as WireModel from "../src/internal/wireModel.js"
import { referenceBinding, referenceEmptyPage } from "./fixtures/reference.js"

const schemaDecode = Schema.decodeUnknownEither(Binding.Binding)
const schemaDecodeArray = Schema.decodeUnknownEither(Schema.Array(Binding.Binding))
const schemaDecodePage = Schema.decodeUnknownEither(BindingPage.BindingPage)
const encode = Schema.encodeSync(Binding.Binding)
const equivalent = Schema.equivalence(Binding.Binding)
const pretty = Pretty.make(Binding.Binding)
const names = Object.keys(Binding.Binding.fields)

/** Valid wire bindings in Twilio's own form, as JSON text gives them. */
const canonicalWire: fc.Arbitrary<Record<string, unknown>> = Arbitrary.make(Binding.Binding).map((binding) =>
  JSON.parse(JSON.stringify(encode(binding)))
)

/** The same instant written another way the schema accepts: a fraction, or an offset from UTC. */
const rewriteTimestamp = (text: string, form: number): string => {
  const millis = Date.parse(text)
  switch (form % 4) {
    case 0:
      return text
    case 1:
      return text.slice(0, 19) + ".000Z"
    case 2:
      return new Date(millis + 2 * 3_600_000).toISOString().slice(0, 19) + "+02:00"
    default:
      return new Date(millis - 5.5 * 3_600_000).toISOString().slice(0, 19) + "-05:30"
  }
}

/**
 * Valid wire bindings in every form the schema accepts: timestamps with fractions or offsets, an
 * unknown extra field, the keys in another order.
 */
const validWire: fc.Arbitrary<Record<string, unknown>> = fc.tuple(
  canonicalWire,
  fc.nat(),
  fc.nat(),
  fc.boolean(),
  fc.boolean()
).map(([wire, createdForm, updatedForm, extra, reversed]) => {
  const out: Record<string, unknown> = { ...wire }
  if (typeof out.date_created === "string") out.date_created = rewriteTimestamp(out.date_created, createdForm)
  if (typeof out.date_updated === "string") out.date_updated = rewriteTimestamp(out.date_updated, updatedForm)
  if (extra) out.some_future_field = { nested: [1, 2] }
  return reversed ? Object.fromEntries(Object.entries(out).reverse()) : out
})

/** A valid binding and a broken copy: one field set to something near the rules' edges. */
const brokenWire = fc.tuple(
  validWire,
  fc.constantFrom(
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
    "url",
    "links"
  ),
  fc.oneof(
    fc.constantFrom(
      undefined,
      null,
      "",
      0,
      "sms",
      "twilsock",
      "BS0123456789abcdef0123456789abcdeg",
      "AC0123456789abcdef0123456789abcde",
      "IS0123456789abcdef0123456789abcdef",
      "2016-02-30T11:37:03Z",
      "2016-10-21T11:37:03",
      [1],
      ["new_message"],
      { user: 1 },
      { user: "https://x" }
    ),
    fc.jsonValue()
  ),
  fc.boolean()
).map(([wire, key, value, remove]) => {
  const out: Record<string, unknown> = { ...wire }
  if (remove) delete out[key]
  else out[key] = value
  return out
})

const fastDecode = (wire: unknown): Binding.Binding => {
  const binding = Either.getOrThrow(WireDecoder.decodeBinding(wire))
  // the value under test is the lazy one: the fast path must have taken this input
  assert.isDefined(model.wireOf(binding), JSON.stringify(wire))
  return binding
}

/** An instance the schema's own constructor builds from the very same field values (arrays shared). */
const twinOf = (binding: Binding.Binding): Binding.Binding =>
  new Binding.Binding(
    WireModel.fieldsOf(names, binding) as ConstructorParameters<typeof Binding.Binding>[0],
    true
  )

describe("a Binding from WireDecoder", () => {
  it.prop(
    "reads every field as the schema's instance holds it, and the same object on every read",
    [validWire],
    ([wire]) => {
      const fast = fastDecode(wire)
      const schema = Either.getOrThrow(schemaDecode(wire))
      for (const name of names) {
        const read: unknown = Reflect.get(fast, name)
        const expected: unknown = Reflect.get(schema, name)
        // arrays decoded apart are equal only structurally
        assert.isTrue(Utils.structuralRegion(() => Equal.equals(read, expected)), name)
        assert.strictEqual(Reflect.get(fast, name), read, `${name} is cached`)
      }
    }
  )

  it.prop(
    "is an instance of Binding that Schema.is, Schema.encode, Schema.equivalence and Pretty take as the schema's",
    [validWire],
    ([wire]) => {
      const fast = fastDecode(wire)
      const schema = Either.getOrThrow(schemaDecode(wire))
      assert.instanceOf(fast, Binding.Binding)
      assert.strictEqual(fast.constructor, Binding.Binding)
      assert.isTrue(Schema.is(Binding.Binding)(fast))
      assert.deepStrictEqual(encode(fast), encode(schema))
      assert.strictEqual(JSON.stringify(encode(fast)), JSON.stringify(encode(schema)))
      assert.isTrue(equivalent(fast, schema))
      assert.isTrue(equivalent(schema, fast))
      assert.strictEqual(pretty(fast), pretty(schema))
    }
  )

  it.prop(
    "equals and hashes as the schema's instance with the same fields, both ways round",
    [validWire],
    ([wire]) => {
      const fast = fastDecode(wire)
      const twin = twinOf(Either.getOrThrow(schemaDecode(wire)))
      const sameValues = twinOf(fast)
      assert.isTrue(Equal.equals(fast, sameValues))
      assert.isTrue(Equal.equals(sameValues, fast))
      assert.strictEqual(Hash.hash(fast), Hash.hash(sameValues))
      // the hash Data.Class would give a struct of these fields
      assert.strictEqual(Hash.hash(fast), Hash.hash(Data.struct(WireModel.fieldsOf(names, fast))))
      // arrays decoded apart are equal only structurally, as for two schema-decoded Bindings
      assert.isTrue(Utils.structuralRegion(() => Equal.equals(fast, twin) && Equal.equals(twin, fast)))
    }
  )

  it.prop(
    "differs from a Binding with any other field, for Equal, Hash and Schema.equivalence alike",
    [validWire, brokenWire],
    ([wire, other]) => {
      const schemaOther = schemaDecode(other)
      if (Either.isLeft(schemaOther)) return
      const fast = fastDecode(wire)
      const schema = Either.getOrThrow(schemaDecode(wire))
      const same = Utils.structuralRegion(() => Equal.equals(schema, schemaOther.right))
      assert.strictEqual(Utils.structuralRegion(() => Equal.equals(fast, schemaOther.right)), same)
      assert.strictEqual(Utils.structuralRegion(() => Equal.equals(schemaOther.right, fast)), same)
      assert.strictEqual(equivalent(fast, schemaOther.right), equivalent(schema, schemaOther.right))
      assert.strictEqual(equivalent(schemaOther.right, fast), equivalent(schemaOther.right, schema))
    },
    { fastCheck: { numRuns: 300 } }
  )

  it.prop("prints as the schema's instance: JSON.stringify, String and util.inspect", [validWire], ([wire]) => {
    const fast = fastDecode(wire)
    const schema = Either.getOrThrow(schemaDecode(wire))
    assert.strictEqual(JSON.stringify(fast), JSON.stringify(schema))
    assert.strictEqual(String(fast), String(schema))
    assert.strictEqual(inspect(fast), inspect(schema))
    assert.strictEqual(inspect(fast, { depth: 0 }), inspect(schema, { depth: 0 }))
  })

  it("prints the reference's binding with its class name and fields, as a schema instance", () => {
    const fast = fastDecode(referenceBinding)
    assert.isTrue(inspect(fast).startsWith("Binding {\n  sid: {\n    _id: 'Option',\n    _tag: 'Some',\n"))
    assert.include(inspect(fast), "value: 'BSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'")
    assert.include(
      JSON.stringify(fast),
      "\"dateCreated\":{\"_id\":\"Option\",\"_tag\":\"Some\",\"value\":\"2016-10-21T11:37:03.000Z\"}"
    )
  })

  it("keeps a binding never updated to one instant, and repeated SIDs to one Option", () => {
    const [a, b] = Either.getOrThrow(WireDecoder.decodeBindings([
      referenceBinding,
      { ...referenceBinding, sid: "BSbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", date_updated: "2016-10-22T11:37:03Z" }
    ]))
    assert.strictEqual(a!.dateUpdated, a!.dateCreated)
    assert.notStrictEqual(b!.dateUpdated, b!.dateCreated)
    assert.strictEqual(a!.accountSid, b!.accountSid)
    assert.strictEqual(a!.serviceSid, b!.serviceSid)
    assert.notStrictEqual(a!.sid, b!.sid)
  })
})

describe("WireDecoder.validateBindingWire", () => {
  it.prop(
    "accepts exactly what the schema accepts, gives back the input itself, and fails with the schema's error",
    [fc.oneof(validWire, brokenWire)],
    ([input]) => {
      const validated = WireDecoder.validateBindingWire(input)
      const schema = schemaDecode(input)
      assert.strictEqual(validated._tag, schema._tag, JSON.stringify(input))
      if (Either.isRight(validated)) assert.strictEqual<unknown>(validated.right, input)
      if (Either.isLeft(validated) && Either.isLeft(schema)) {
        assert.strictEqual(validated.left.message, schema.left.message)
      }
    },
    { fastCheck: { numRuns: 1000 } }
  )

  it.prop(
    "validates arrays as the schema does, the first bad element at its index",
    [fc.array(fc.oneof({ weight: 4, arbitrary: validWire }, { weight: 1, arbitrary: brokenWire }), { maxLength: 6 })],
    ([items]) => {
      const validated = WireDecoder.validateBindingsWire(items)
      const schema = schemaDecodeArray(items)
      assert.strictEqual(validated._tag, schema._tag)
      if (Either.isRight(validated)) assert.strictEqual<unknown>(validated.right, items)
      if (Either.isLeft(validated) && Either.isLeft(schema)) {
        assert.strictEqual(validated.left.message, schema.left.message)
      }
    }
  )

  it.prop(
    "validates page bodies as the schema does, giving back the records themselves and the decoded meta",
    [
      fc.array(fc.oneof({ weight: 4, arbitrary: validWire }, { weight: 1, arbitrary: brokenWire }), { maxLength: 4 }),
      fc.constantFrom<unknown>(referenceEmptyPage.meta, { ...referenceEmptyPage.meta, page: -1 }, null, undefined),
      fc.boolean()
    ],
    ([items, meta, asObject]) => {
      const body = asObject ? { bindings: items, meta } : items
      const validated = WireDecoder.validateBindingPageWire(body)
      const schema = schemaDecodePage(body)
      assert.strictEqual(validated._tag, schema._tag)
      if (Either.isRight(validated) && Either.isRight(schema)) {
        assert.strictEqual<unknown>(validated.right.bindings, items)
        assert.isTrue(Equal.equals(validated.right.meta, schema.right.meta))
      }
      if (Either.isLeft(validated) && Either.isLeft(schema)) {
        assert.strictEqual(validated.left.message, schema.left.message)
      }
    }
  )

  it("gives back a record the fast path leaves to the schema, when the schema accepts it", () => {
    const inherited = Object.assign(Object.create({ unrelated: 1 }), referenceBinding)
    assert.isUndefined(model.isValid(inherited) ? inherited : undefined)
    const validated = WireDecoder.validateBindingWire(inherited)
    assert.isTrue(Either.isRight(validated))
    if (Either.isRight(validated)) assert.strictEqual(validated.right, inherited)
    assert.isTrue(Either.isLeft(WireDecoder.validateBindingsWire([referenceBinding, , referenceBinding])))
    assert.isTrue(Either.isLeft(WireDecoder.validateBindingsWire({ 0: referenceBinding, length: 1 })))
  })
})

describe("WireEncoder and the wire record", () => {
  it.prop(
    "canonicalBindingWire writes what Schema.encode writes after a decode, key for key",
    [validWire],
    ([wire]) => {
      const expected = encode(Either.getOrThrow(schemaDecode(wire)))
      const validated = Either.getOrThrow(WireDecoder.validateBindingWire(wire))
      const canonical = WireEncoder.canonicalBindingWire(validated)
      assert.deepStrictEqual(canonical, expected)
      assert.strictEqual(JSON.stringify(canonical), JSON.stringify(expected))
    }
  )

  it.prop(
    "canonicalBindingWire gives back a record as Twilio sends it (its keys in order, Twilio's timestamps) itself",
    [canonicalWire, fc.boolean()],
    ([wire, withLinks]) => {
      // Twilio's timestamps have whole seconds (the encoding writes a fraction when there is one)
      const seconds = (date: unknown) => typeof date === "string" ? date.slice(0, 19) + "Z" : date
      const twilio: Record<string, unknown> = {
        ...wire,
        date_created: seconds(wire.date_created),
        date_updated: seconds(wire.date_updated)
      }
      const { links: _links, ...withoutLinks } = twilio
      const record = (withLinks ? twilio : withoutLinks) as Binding.BindingWire
      assert.strictEqual(WireEncoder.canonicalBindingWire(record), record)
    }
  )

  it.prop(
    "encodes a Binding from WireDecoder as Schema.encode does, without reading its fields",
    [validWire],
    ([wire]) => {
      const fast = fastDecode(wire)
      const expected = encode(Either.getOrThrow(schemaDecode(wire)))
      assert.deepStrictEqual(WireEncoder.encodeBinding(fast), expected)
      assert.strictEqual(JSON.stringify(WireEncoder.encodeBinding(fast)), JSON.stringify(expected))
      assert.strictEqual(WireEncoder.encodeBindingJson(fast), JSON.stringify(expected))
    }
  )

  it("leaves links out when absent, and keeps null links and an empty message type list", () => {
    const { links: _links, ...withoutLinks } = referenceBinding
    const wires: ReadonlyArray<Binding.BindingWire> = [withoutLinks, {
      ...referenceBinding,
      links: null,
      message_types: []
    }, {
      ...withoutLinks,
      links: undefined
    }]
    for (const wire of wires) {
      const expected = encode(Either.getOrThrow(schemaDecode(wire)))
      assert.deepStrictEqual(WireEncoder.encodeBinding(fastDecode(wire)), expected)
      assert.deepStrictEqual(WireEncoder.canonicalBindingWire(wire), expected)
    }
    assert.isFalse("links" in WireEncoder.canonicalBindingWire(withoutLinks))
    assert.deepStrictEqual(fastDecode(withoutLinks).links, Option.none())
  })
})
