import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, Equal, FastCheck as fc, Schema, Utils } from "effect"
import { ConversationsBinding, ListConversationsBindingsParams, Resource } from "../src/index.js"
import { mutate, mutationOf } from "./fixtures/wire.js"

const SERVICE = "IS0123456789abcdef0123456789abcdef"
const BINDING = "BS0123456789abcdef0123456789abcdef"

const meta = (page: number) => ({
  key: "bindings",
  url: `https://conversations.twilio.com/v1/Services/${SERVICE}/Bindings?PageSize=50&Page=${page}`,
  page,
  page_size: 50,
  next_page_url: null,
  first_page_url: `https://conversations.twilio.com/v1/Services/${SERVICE}/Bindings?PageSize=50&Page=0`,
  previous_page_url: null
})

/** A Conversations binding as Twilio's description shows it, in its order. */
const conversationsBinding = {
  sid: BINDING,
  account_sid: "AC0123456789abcdef0123456789abcdef",
  chat_service_sid: SERVICE,
  credential_sid: null,
  date_created: "2024-05-01T10:00:00Z",
  date_updated: "2024-05-02T10:00:00Z",
  endpoint: "twilsock:alice:client",
  identity: "alice",
  binding_type: "twilsock" as const,
  message_types: ["new_message"],
  url: `https://conversations.twilio.com/v1/Services/${SERVICE}/Bindings/${BINDING}`
}

/** Both resources, each run through the same properties. */
const resources = [Resource.ChatBindings, Resource.ConversationsBindings] as const

for (const resource of resources) {
  const Item = resource.Item as unknown as Schema.Schema<unknown, Record<string, unknown>>
  const schemaItem = Schema.decodeUnknownEither(Item)
  const schemaPage = Schema.decodeUnknownEither(resource.Page as Schema.Schema<unknown, unknown>)
  const encode = Schema.encodeSync(Item)
  const validWire = Arbitrary.make(Item).map((item) =>
    JSON.parse(JSON.stringify(encode(item))) as Record<string, unknown>
  )
  const keys = [
    ...Object.keys(JSON.parse(JSON.stringify(encode(fc.sample(Arbitrary.make(Item), 1)[0])))),
    "links",
    "service_sid",
    "chat_service_sid",
    "extra"
  ]
  const mutation = mutationOf(keys)
  const decodeItem = resource.decodeItem as (u: unknown) => Either.Either<unknown, { message: string }>
  const decodePage = resource.decodePage as (
    u: unknown
  ) => Either.Either<{ bindings: ReadonlyArray<unknown> }, { message: string }>
  const validatePage = resource.validatePageWire as (
    u: unknown
  ) => Either.Either<{ bindings: ReadonlyArray<unknown> }, { message: string }>
  const canonical = resource.canonicalWire as (wire: unknown) => unknown

  describe(`Resource ${resource.product}`, () => {
    it.prop(
      "decodes every valid item as the schema does, to an equal value that encodes back the same",
      [validWire],
      ([wire]) => {
        const fast = Either.getOrThrow(decodeItem(wire))
        const schema = Either.getOrThrow(schemaItem(wire))
        assert.isTrue(Utils.structuralRegion(() => Equal.equals(fast, schema)))
        assert.deepStrictEqual(encode(fast), encode(schema))
        assert.deepStrictEqual(canonical(wire), encode(schema))
      }
    )

    it.prop(
      "on mutated items and pages answers exactly as the schema does",
      [fc.array(validWire, { maxLength: 4 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat()],
      ([items, mutations, at]) => {
        const bindings = items.length === 0
          ? items
          : items.map((item, i) => i === at % items.length ? mutate(item, mutations) : item)
        const body = { bindings, meta: meta(0) }
        const schema = schemaPage(body)
        const fast = decodePage(body)
        const validated = validatePage(body)
        assert.strictEqual(fast._tag, schema._tag)
        assert.strictEqual(validated._tag, schema._tag)
        if (Either.isLeft(fast) && Either.isLeft(schema) && Either.isLeft(validated)) {
          assert.strictEqual(fast.left.message, schema.left.message)
          assert.strictEqual(validated.left.message, schema.left.message)
        }
        if (Either.isRight(fast) && Either.isRight(schema) && Either.isRight(validated)) {
          const expected = (schema.right as { readonly bindings: ReadonlyArray<unknown> }).bindings
          assert.isTrue(Utils.structuralRegion(() => fast.right.bindings.every((b, i) => Equal.equals(b, expected[i]))))
          assert.strictEqual(validated.right.bindings, bindings)
        }
        for (const item of bindings) {
          const one = decodeItem(item)
          const reference = schemaItem(item)
          assert.strictEqual(one._tag, reference._tag, JSON.stringify(item))
          if (Either.isLeft(one) && Either.isLeft(reference)) {
            assert.strictEqual(one.left.message, reference.left.message)
          }
        }
      },
      { fastCheck: { numRuns: 500 } }
    )

    it("cuts a page to its first items, keeping its meta", () => {
      const items = fc.sample(validWire, 3)
      const page = Either.getOrThrow(decodePage({ bindings: items, meta: meta(2) })) as Resource.Page<unknown>
      const cut = (resource.cutPage as (page: Resource.Page<unknown>, size: number) => Resource.Page<unknown>)(page, 2)
      assert.strictEqual(cut.bindings.length, 2)
      assert.strictEqual(cut.bindings[1], page.bindings[1])
      assert.strictEqual(cut.meta, page.meta)
      assert.instanceOf(cut, resource.Page as unknown as new(...args: ReadonlyArray<never>) => unknown)
    })
  })
}

describe("Resource", () => {
  it("names each product's paths", () => {
    assert.strictEqual(Resource.ChatBindings.collectionPath(SERVICE), `/v2/Services/${SERVICE}/Bindings`)
    assert.strictEqual(Resource.ChatBindings.itemPath(SERVICE, BINDING), `/v2/Services/${SERVICE}/Bindings/${BINDING}`)
    assert.strictEqual(Resource.ConversationsBindings.collectionPath(SERVICE), `/v1/Services/${SERVICE}/Bindings`)
    assert.strictEqual(
      Resource.ConversationsBindings.itemPath(SERVICE, BINDING),
      `/v1/Services/${SERVICE}/Bindings/${BINDING}`
    )
    assert.strictEqual(Resource.byProduct.chat, Resource.ChatBindings)
    assert.strictEqual(Resource.byProduct.conversations, Resource.ConversationsBindings)
  })

  it("decodes Twilio's Conversations binding: chat_service_sid, twilsock, no links", () => {
    const binding = Either.getOrThrow(Resource.ConversationsBindings.decodeItem(conversationsBinding))
    assert.instanceOf(binding, ConversationsBinding.ConversationsBinding)
    assert.strictEqual(binding.chatServiceSid._tag === "Some" ? binding.chatServiceSid.value : null, SERVICE)
    assert.strictEqual(binding.bindingType, "twilsock")
    assert.deepStrictEqual(Schema.encodeSync(ConversationsBinding.ConversationsBinding)(binding), conversationsBinding)
    // the record is already in Twilio's form: written out as it came
    assert.strictEqual(
      Resource.ConversationsBindings.canonicalWire(conversationsBinding as never),
      conversationsBinding
    )
  })

  it("refuses a Chat binding as a Conversations one and twilsock on Chat, naming the field", () => {
    const { chat_service_sid, ...rest } = conversationsBinding
    const chatShaped = { ...rest, service_sid: chat_service_sid }
    const missing = Resource.ConversationsBindings.decodeItem(chatShaped)
    assert.isTrue(Either.isLeft(missing) && missing.left.message.includes("chat_service_sid"))
    const twilsock = Resource.ChatBindings.decodeItem({ ...chatShaped, links: null })
    assert.isTrue(
      Either.isLeft(twilsock) &&
        twilsock.left.message.includes("binding type must be one of gcm, apn, fcm, got \"twilsock\"")
    )
  })

  it("takes Conversations params: twilsock, and pages of 1 to 100", () => {
    const decode = Schema.decodeUnknownEither(Resource.ConversationsBindings.Params)
    assert.isTrue(Either.isRight(decode({ bindingType: ["twilsock", "apn"], pageSize: 100 })))
    const tooBig = decode({ pageSize: 101 })
    assert.isTrue(
      Either.isLeft(tooBig) && tooBig.left.message.includes("pageSize must be a whole number from 1 to 100, got 101")
    )
    assert.strictEqual(Resource.ConversationsBindings.MAX_PAGE_SIZE, ListConversationsBindingsParams.MAX_PAGE_SIZE)
    assert.strictEqual(Resource.ChatBindings.MAX_PAGE_SIZE, 1000)
    assert.deepStrictEqual(
      Resource.ConversationsBindings.toQuery(
        Resource.ConversationsBindings.withPageSize({ bindingType: ["twilsock"], identity: ["a b"] }, 7)
      ),
      [["BindingType", "twilsock"], ["Identity", "a b"], ["PageSize", "7"]]
    )
    const chat = Schema.decodeUnknownEither(Resource.ChatBindings.Params)({ bindingType: ["twilsock"] })
    assert.isTrue(Either.isLeft(chat))
  })
})
