import { assert, describe, it } from "@effect/vitest"
import { Binding } from "@twilio-bindings/domain"
import { Either, FastCheck, Schema } from "effect"
import * as BindingStore from "../src/BindingStore.js"
import * as Generators from "../src/Generators.js"

const decodeAll = Schema.decodeUnknownEither(Schema.Array(Binding.Binding))
const jsonOf = (store: BindingStore.BindingStore) => JSON.stringify(BindingStore.toWire(store))

describe("generateStore", () => {
  it("the same seed gives the same store", () => {
    assert.deepStrictEqual(
      jsonOf(Generators.generateStore({ seed: 42, count: 300 })),
      jsonOf(Generators.generateStore({ seed: 42, count: 300 }))
    )
  })

  it("a different seed gives a different store", () => {
    const a = BindingStore.toWire(Generators.generateStore({ seed: 42, count: 300 }))
    const b = BindingStore.toWire(Generators.generateStore({ seed: 43, count: 300 }))
    assert.isTrue(a.every((binding, i) => JSON.stringify(binding) !== JSON.stringify(b[i])))
  })

  it("generated bindings decode with Binding.Binding and encode back to the same wire values", () => {
    const wire = Generators.generateBindings({ seed: 1, count: 500 })
    const decoded = decodeAll(wire)
    assert.isTrue(Either.isRight(decoded), Either.isLeft(decoded) ? String(decoded.left) : "")
    if (Either.isRight(decoded)) {
      assert.deepStrictEqual(Schema.encodeSync(Schema.Array(Binding.Binding))(decoded.right), wire)
    }
  })

  it("generated bindings are realistic: types, nulls, repeated identities, awkward characters, consistent URLs", () => {
    const store = Generators.generateStore({ seed: 2, count: 600, origin: "http://127.0.0.1:1234" })
    const wire = BindingStore.toWire(store)
    assert.deepStrictEqual(new Set(wire.map((binding) => binding.binding_type)), new Set(["gcm", "apn", "fcm"]))
    assert.isTrue(wire.some((binding) => binding.endpoint === null))
    assert.isTrue(wire.some((binding) => binding.credential_sid === null))
    assert.isTrue(wire.some((binding) => binding.message_types === null))
    const identities = new Set(wire.map((binding) => binding.identity))
    assert.isTrue(identities.size < wire.length / 2, "several bindings per identity")
    for (const pattern of [/ /, /&/, /=/, /\+/, /[^\x00-\x7f]/]) {
      assert.isTrue([...identities].some((identity) => pattern.test(identity ?? "")), String(pattern))
    }
    assert.strictEqual(new Set(wire.map((binding) => binding.sid)).size, wire.length)
    for (const binding of wire) {
      assert.strictEqual(
        binding.url,
        `http://127.0.0.1:1234/v2/Services/${store.serviceSid}/Bindings/${binding.sid}`
      )
      assert.strictEqual(
        binding.links?.user,
        `http://127.0.0.1:1234/v2/Services/${store.serviceSid}/Users/${encodeURIComponent(binding.identity ?? "")}`
      )
      assert.strictEqual(store.identityAt(wire.indexOf(binding)), binding.identity)
    }
  })

  it("a binding built on demand is the same each time and agrees with the store's type and identity index", () => {
    const store = Generators.generateStore({ seed: 3, count: 1_000_000 })
    assert.strictEqual(store.size, 1_000_000)
    const last = store.wireAt(999_999)
    assert.deepStrictEqual(store.wireAt(999_999), last)
    assert.strictEqual(last.identity, store.identityAt(999_999))
    assert.strictEqual(last.binding_type, ["gcm", "apn", "fcm"][store.bindingTypes[999_999]!])
  })
})

describe("arbitraries", () => {
  it.prop("binding() generates wire bindings that decode with Binding.Binding", [Generators.binding()], ([binding]) => {
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(Binding.Binding)(binding)))
  })

  it.prop(
    "bindings() generates distinct sids of one service, with identities shared between bindings",
    [Generators.bindings({ minLength: 6, maxLength: 20 })],
    ([bindings]) => {
      assert.strictEqual(new Set(bindings.map((binding) => binding.sid)).size, bindings.length)
      assert.strictEqual(new Set(bindings.map((binding) => binding.service_sid)).size, 1)
      assert.isBelow(new Set(bindings.map((binding) => binding.identity)).size, bindings.length)
    }
  )

  it("the identity arbitrary produces characters that need percent-encoding", () => {
    const samples = FastCheck.sample(Generators.identity, { numRuns: 500, seed: 1 })
    assert.isTrue(samples.some((identity) => encodeURIComponent(identity) !== identity))
  })
})
