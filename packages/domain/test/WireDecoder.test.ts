import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Option, Schema } from "effect"
import { Binding, BindingPage, WireDecoder, WireEncoder } from "../src/index.js"
import { tryBinding, tryBindings } from "../src/internal/bindingWire.js"
import { referenceBinding, referencePageWithOneBinding } from "./fixtures/reference.js"
import { mutate, mutationOf, nearMissDate, nearMissSid } from "./fixtures/wire.js"

const schemaDecode = Schema.decodeUnknownEither(Binding.Binding)
const schemaDecodePage = Schema.decodeUnknownEither(BindingPage.BindingPage)
const encode = Schema.encodeSync(Binding.Binding)
const equivalent = Schema.equivalence(Binding.Binding)
const pageEquivalent = Schema.equivalence(BindingPage.BindingPage)

/** Valid wire bindings, as JSON text would give them: the schema's arbitrary, encoded. */
const validWire: fc.Arbitrary<Record<string, unknown>> = Arbitrary.make(Binding.Binding).map((binding) =>
  JSON.parse(JSON.stringify(encode(binding)))
)

const keys = [...Object.keys(referenceBinding), "links", "extra_field"]
const mutation = mutationOf(keys)

describe("WireDecoder", () => {
  it("takes the fast path for the reference's binding and builds the same value as the schema", () => {
    const fast = tryBinding(referenceBinding)
    assert.isDefined(fast)
    assert.isTrue(equivalent(fast!, Either.getOrThrow(schemaDecode(referenceBinding))))
  })

  it.prop("the fast path accepts every valid wire binding and builds what the schema builds", [validWire], ([wire]) => {
    const fast = tryBinding(wire)
    assert.isDefined(fast, JSON.stringify(wire))
    assert.instanceOf(fast, Binding.Binding)
    assert.isTrue(Schema.is(Binding.Binding)(fast))
    assert.isTrue(equivalent(fast!, Either.getOrThrow(schemaDecode(wire))))
    assert.deepStrictEqual(encode(fast!), encode(Either.getOrThrow(schemaDecode(wire))))
  })

  it.prop(
    "on mutated input the fast path accepts only what the schema accepts, with equal values",
    [validWire, fc.array(mutation, { minLength: 1, maxLength: 3 })],
    ([wire, mutations]) => {
      const input = mutate(wire, mutations)
      const fast = tryBinding(input)
      const schema = schemaDecode(input)
      if (fast !== undefined) {
        assert.isTrue(Either.isRight(schema), `fast path accepted what the schema rejects: ${JSON.stringify(input)}`)
        assert.isTrue(equivalent(fast, Either.getOrThrow(schema)))
      }
      // whatever the fast path does, the public decoder answers exactly as the schema does
      const decoded = WireDecoder.decodeBinding(input)
      assert.strictEqual(decoded._tag, schema._tag)
      if (Either.isLeft(decoded) && Either.isLeft(schema)) assert.strictEqual(decoded.left.message, schema.left.message)
    },
    { fastCheck: { numRuns: 1000 } }
  )

  it.prop(
    "on near-miss SIDs in any SID field the fast path accepts only what the schema accepts",
    [validWire, fc.constantFrom("sid", "account_sid", "service_sid", "credential_sid"), nearMissSid],
    ([wire, key, sid]) => {
      const input = { ...wire, [key]: sid }
      const fast = tryBinding(input)
      const schema = schemaDecode(input)
      assert.strictEqual(fast !== undefined, Either.isRight(schema), `${key}: ${JSON.stringify(sid)}`)
    },
    { fastCheck: { numRuns: 500 } }
  )

  it.prop(
    "on dates at the calendar's edges the fast path accepts only what the schema accepts",
    [validWire, fc.constantFrom("date_created", "date_updated"), nearMissDate],
    ([wire, key, date]) => {
      const input = { ...wire, [key]: date }
      const fast = tryBinding(input)
      const schema = schemaDecode(input)
      assert.strictEqual(fast !== undefined, Either.isRight(schema), `${key}: ${date}`)
      if (fast !== undefined) assert.isTrue(equivalent(fast, Either.getOrThrow(schema)))
    },
    { fastCheck: { numRuns: 300 } }
  )

  it("shares what it can: one Option for a repeated SID or date, the input's arrays", () => {
    const first = { ...referenceBinding, message_types: ["new_message"] }
    const second = { ...referenceBinding, sid: "BSbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }
    const [a, b] = Either.getOrThrow(WireDecoder.decodeBindings([first, second]))
    assert.strictEqual(a!.accountSid, b!.accountSid)
    assert.strictEqual(a!.serviceSid, b!.serviceSid)
    assert.strictEqual(a!.dateUpdated, a!.dateCreated)
    assert.strictEqual(Option.getOrThrow(a!.messageTypes), first.message_types)
    const one = Either.getOrThrow(WireDecoder.decodeBinding(first))
    assert.strictEqual(Option.getOrThrow(one.messageTypes), first.message_types)
    const page = Either.getOrThrow(WireDecoder.decodeBindingPage({ ...referencePageWithOneBinding, bindings: [first] }))
    assert.instanceOf(page, BindingPage.BindingPage)
    assert.strictEqual(Option.getOrThrow(page.bindings[0]!.messageTypes), first.message_types)
    assert.strictEqual(page.meta.pageSize, referencePageWithOneBinding.meta.page_size)
    assert.strictEqual(page.meta.url, referencePageWithOneBinding.meta.url)
  })

  it("leaves to the schema what is not a plain object, a dense array or a page object", () => {
    assert.isUndefined(tryBinding(Object.create(referenceBinding)))
    assert.isUndefined(tryBinding(Object.assign(Object.create(null), referenceBinding)))
    const sparse = [referenceBinding, , referenceBinding]
    assert.deepStrictEqual(WireDecoder.decodeBindings(sparse)._tag, "Left")
    for (
      const body of [null, "page", [], { bindings: [referenceBinding] }, { meta: referencePageWithOneBinding.meta }]
    ) {
      const fast = WireDecoder.decodeBindingPage(body)
      const schema = schemaDecodePage(body)
      assert.isTrue(Either.isLeft(fast))
      if (Either.isLeft(fast) && Either.isLeft(schema)) assert.strictEqual(fast.left.message, schema.left.message)
    }
  })

  it("does not take an error thrown while reading the input for a rejection", () => {
    const throwing = Object.defineProperty({ ...referenceBinding }, "identity", {
      enumerable: true,
      get: () => {
        throw new Error("boom")
      }
    })
    assert.throws(() => tryBinding(throwing), "boom")
    assert.throws(() => tryBindings([referenceBinding, throwing]), "boom")
  })

  it("rejects February 30th in the fast path and the schema alike", () => {
    const input = { ...referenceBinding, date_created: "2016-02-30T11:37:03Z" }
    assert.isUndefined(tryBinding(input))
    const decoded = WireDecoder.decodeBinding(input)
    assert.isTrue(Either.isLeft(decoded))
    if (Either.isLeft(decoded)) assert.include(decoded.left.message, "[\"date_created\"]")
  })

  it("accepts a binding whose links are null, in the fast path and the schema alike", () => {
    const input = { ...referenceBinding, links: null }
    const fast = tryBinding(input)
    assert.isDefined(fast)
    assert.isTrue(equivalent(fast!, Either.getOrThrow(schemaDecode(input))))
    assert.deepStrictEqual(fast!.links, Option.some(null))
    const page = WireDecoder.decodeBindingPage({ ...referencePageWithOneBinding, bindings: [input, referenceBinding] })
    assert.isTrue(Either.isRight(page))
  })

  it.prop(
    "the fast path rejects any non-object",
    [fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.array(fc.jsonValue()))],
    ([input]) => {
      assert.isUndefined(tryBinding(input))
    }
  )

  it.prop(
    "decodeBindingPage agrees with the schema on valid and broken pages",
    [fc.array(validWire, { maxLength: 5 }), fc.option(fc.tuple(fc.nat(), mutation), { nil: undefined })],
    ([bindings, broken]) => {
      const items = broken === undefined || bindings.length === 0
        ? bindings
        : bindings.map((b, i) => i === broken[0] % bindings.length ? mutate(b, [broken[1]]) : b)
      const body = { ...referencePageWithOneBinding, bindings: items }
      const fast = WireDecoder.decodeBindingPage(body)
      const schema = schemaDecodePage(body)
      assert.strictEqual(fast._tag, schema._tag)
      if (Either.isRight(fast) && Either.isRight(schema)) assert.isTrue(pageEquivalent(fast.right, schema.right))
      if (Either.isLeft(fast) && Either.isLeft(schema)) assert.strictEqual(fast.left.message, schema.left.message)
    }
  )

  it.prop(
    "decodes a run of bindings sharing SIDs as the schema does, repeats and a bad repeat included",
    [fc.array(fc.tuple(validWire, fc.constantFrom("same", "bad", "own")), { minLength: 2, maxLength: 8 })],
    ([items]) => {
      const first = items[0]![0]
      const run = items.map(([wire, how]) =>
        how === "own" ? wire : {
          ...wire,
          account_sid: how === "same" ? first.account_sid : "AC-not-a-sid",
          service_sid: how === "same" ? first.service_sid : "IS-not-a-sid"
        }
      )
      const fast = WireDecoder.decodeBindings(run)
      const schema = Schema.decodeUnknownEither(Schema.Array(Binding.Binding))(run)
      assert.strictEqual(fast._tag, schema._tag)
      if (Either.isRight(fast) && Either.isRight(schema)) {
        fast.right.forEach((binding, i) => assert.isTrue(equivalent(binding, schema.right[i]!)))
      }
    }
  )

  it("reports a bad binding inside a page at its path, as the schema does", () => {
    const body = {
      ...referencePageWithOneBinding,
      bindings: [referenceBinding, { ...referenceBinding, binding_type: "sms" }]
    }
    const result = WireDecoder.decodeBindingPage(body)
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.include(result.left.message, "[\"bindings\"]")
      assert.include(result.left.message, "[1]")
      assert.include(result.left.message, "binding type must be one of gcm, apn, fcm")
    }
  })
})

describe("WireEncoder", () => {
  it.prop(
    "writes what Schema.encode writes, key for key, for schema-made and fast-decoded bindings",
    [validWire],
    ([wire]) => {
      const decoded = Either.getOrThrow(schemaDecode(wire))
      const fast = tryBinding(wire)!
      for (const binding of [decoded, fast]) {
        const expected = encode(binding)
        const actual = WireEncoder.encodeBinding(binding)
        assert.deepStrictEqual(actual, expected)
        assert.strictEqual(JSON.stringify(actual), JSON.stringify(expected))
        assert.strictEqual(WireEncoder.encodeBindingJson(binding), JSON.stringify(expected))
      }
    }
  )

  it("encodes links as they came: null as null, absent as absent", () => {
    const { links: _links, ...withoutLinks } = referenceBinding
    for (const wire of [{ ...referenceBinding, links: null }, withoutLinks, referenceBinding]) {
      const binding = Either.getOrThrow(WireDecoder.decodeBinding(wire))
      assert.deepStrictEqual(WireEncoder.encodeBinding(binding), wire)
      assert.deepStrictEqual(JSON.parse(WireEncoder.encodeBindingJson(binding)), wire)
      assert.deepStrictEqual(encode(binding), wire)
    }
  })

  it("encodes the reference's binding to the reference's JSON text", () => {
    const binding = Either.getOrThrow(schemaDecode(referenceBinding))
    const [wire] = WireEncoder.encodeBindings([binding])
    assert.deepStrictEqual(wire, referenceBinding)
  })
})
