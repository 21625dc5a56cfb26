import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { Binding, BindingPage, WireDecoder, WireEncoder } from "../src/index.js"
import { tryBinding } from "../src/internal/wireCheck.js"
import { seedBinding, seedPageWithOneBinding } from "./fixtures/seed.js"

const schemaDecode = Schema.decodeUnknownEither(Binding.Binding)
const schemaDecodePage = Schema.decodeUnknownEither(BindingPage.BindingPage)
const encode = Schema.encodeSync(Binding.Binding)
const equivalent = Schema.equivalence(Binding.Binding)
const pageEquivalent = Schema.equivalence(BindingPage.BindingPage)

/** Valid wire bindings, as JSON text would give them: the schema's arbitrary, encoded. */
const validWire: fc.Arbitrary<Record<string, unknown>> = Arbitrary.make(Binding.Binding).map((binding) =>
  JSON.parse(JSON.stringify(encode(binding)))
)

const keys = [...Object.keys(seedBinding), "links", "extra_field"]

/** Values close to the rules' edges, and any JSON at all. */
const nearMiss = fc.oneof(
  fc.constantFrom(
    null,
    "",
    0,
    "sms",
    "BS0123456789abcdef0123456789abcdef",
    "AC0123456789abcdef0123456789abcdef",
    "IS0123456789abcdef0123456789abcdef",
    "CR0123456789abcdef0123456789abcdef",
    "BS0123456789abcdef0123456789abcdeg",
    "2016-10-21T11:37:03Z",
    "2016-10-21",
    "2016-02-30T11:37:03Z",
    ["new_message"],
    [1],
    { user: "https://x" },
    { user: 1 },
    [],
    "gcm",
    "apn",
    "fcm"
  ),
  fc.jsonValue()
)

type Mutation = { readonly key: string; readonly change: "delete" } | { readonly key: string; readonly value: unknown }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ key: fc.constantFrom(...keys), change: fc.constant("delete" as const) }),
  fc.record({ key: fc.constantFrom(...keys), value: nearMiss })
)

const mutate = (wire: Record<string, unknown>, mutations: ReadonlyArray<Mutation>) => {
  const copy: Record<string, unknown> = { ...wire }
  for (const m of mutations) {
    if ("change" in m) delete copy[m.key]
    else copy[m.key] = m.value
  }
  return copy
}

describe("WireDecoder", () => {
  it("takes the fast path for the seed's binding and builds the same value as the schema", () => {
    const fast = tryBinding(seedBinding)
    assert.isDefined(fast)
    assert.isTrue(equivalent(fast!, Either.getOrThrow(schemaDecode(seedBinding))))
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
      const body = { ...seedPageWithOneBinding, bindings: items }
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
    const body = { ...seedPageWithOneBinding, bindings: [seedBinding, { ...seedBinding, binding_type: "sms" }] }
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

  it("encodes the seed's binding to the seed's JSON text", () => {
    const binding = Either.getOrThrow(schemaDecode(seedBinding))
    const [wire] = WireEncoder.encodeBindings([binding])
    assert.deepStrictEqual(wire, seedBinding)
  })
})
