import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, Equal, FastCheck as fc, Hash, Schema, Utils } from "effect"
import { Sid, TwilioDateTime } from "../src/index.js"
import type { Field } from "../src/internal/wireModel.js"
import * as WireModel from "../src/internal/wireModel.js"

/**
 * A second resource described for the same machinery: Conversations' Binding, the Chat one with
 * `chat_service_sid` for `service_sid`, no `links`, and a fourth binding type. Its schema and its
 * description are all it takes.
 */
const nullable = <S extends Schema.Schema.Any, const Key extends string>(schema: S, key: Key) =>
  Schema.propertySignature(Schema.OptionFromNullOr(schema)).pipe(Schema.fromKey(key))

const conversationsFields = {
  sid: nullable(Sid.BindingSid, "sid"),
  accountSid: nullable(Sid.AccountSid, "account_sid"),
  chatServiceSid: nullable(Sid.ServiceSid, "chat_service_sid"),
  credentialSid: nullable(Sid.CredentialSid, "credential_sid"),
  dateCreated: nullable(TwilioDateTime.TwilioDateTime, "date_created"),
  dateUpdated: nullable(TwilioDateTime.TwilioDateTime, "date_updated"),
  endpoint: nullable(Schema.String, "endpoint"),
  identity: nullable(Schema.String, "identity"),
  bindingType: Schema.propertySignature(Schema.Literal("gcm", "apn", "fcm", "twilsock")).pipe(
    Schema.fromKey("binding_type")
  ),
  messageTypes: nullable(Schema.Array(Schema.String), "message_types"),
  url: nullable(Schema.String, "url")
}
const names = Object.keys(conversationsFields)

class ConversationsBinding extends Schema.Class<ConversationsBinding>("ConversationsBinding")(conversationsFields) {
  [Equal.symbol](that: Equal.Equal): boolean {
    return WireModel.equalFields(names, this, that, isConversationsBinding(that))
  }
  [Hash.symbol](): number {
    return WireModel.hashFields(names, this)
  }
  toJSON(): unknown {
    return WireModel.fieldsOf(names, this)
  }
}
const isConversationsBinding = (u: unknown) => u instanceof ConversationsBinding

const description: ReadonlyArray<Field> = [
  { key: "sid", name: "sid", rule: { _tag: "Sid", prefix: "BS" }, presence: "nullable" },
  { key: "account_sid", name: "accountSid", rule: { _tag: "Sid", prefix: "AC" }, presence: "nullable", repeats: true },
  {
    key: "chat_service_sid",
    name: "chatServiceSid",
    rule: { _tag: "Sid", prefix: "IS" },
    presence: "nullable",
    repeats: true
  },
  { key: "credential_sid", name: "credentialSid", rule: { _tag: "Sid", prefix: "CR" }, presence: "nullable" },
  { key: "date_created", name: "dateCreated", rule: { _tag: "Timestamp" }, presence: "nullable" },
  { key: "date_updated", name: "dateUpdated", rule: { _tag: "Timestamp" }, presence: "nullable" },
  { key: "endpoint", name: "endpoint", rule: { _tag: "String" }, presence: "nullable" },
  { key: "identity", name: "identity", rule: { _tag: "String" }, presence: "nullable" },
  {
    key: "binding_type",
    name: "bindingType",
    rule: { _tag: "Literal", values: ["gcm", "apn", "fcm", "twilsock"] },
    presence: "required"
  },
  { key: "message_types", name: "messageTypes", rule: { _tag: "Strings" }, presence: "nullable" },
  { key: "url", name: "url", rule: { _tag: "String" }, presence: "nullable" }
]

const model = WireModel.make(ConversationsBinding.prototype, description)
const schemaDecode = Schema.decodeUnknownEither(ConversationsBinding)
const encode = Schema.encodeSync(ConversationsBinding)

const validWire: fc.Arbitrary<Record<string, unknown>> = Arbitrary.make(ConversationsBinding).map((binding) =>
  JSON.parse(JSON.stringify(encode(binding)))
)

const mutated = fc.tuple(
  validWire,
  fc.constantFrom(...description.map((field) => field.key), "service_sid", "links"),
  fc.oneof(
    fc.constantFrom(undefined, null, "twilsock", "sms", "IS0123456789abcdef0123456789abcdef", "2016-02-30T11:37:03Z"),
    fc.jsonValue()
  )
).map(([wire, key, value]) => ({ ...wire, [key]: value }))

describe("a resource described for WireModel", () => {
  it.prop(
    "accepts exactly what its schema accepts, and decodes to values equal to the schema's",
    [fc.oneof(validWire, mutated)],
    ([input]) => {
      const schema = schemaDecode(input)
      assert.strictEqual(model.isValid(input), Either.isRight(schema), JSON.stringify(input))
      if (model.isValid(input) && Either.isRight(schema)) {
        const fast = model.wrap(input)
        assert.instanceOf(fast, ConversationsBinding)
        assert.isTrue(
          Utils.structuralRegion(() => Equal.equals(fast, schema.right) && Equal.equals(schema.right, fast))
        )
        assert.deepStrictEqual(encode(fast), encode(schema.right))
        assert.deepStrictEqual(model.canonical(input), encode(schema.right))
        assert.strictEqual(JSON.stringify(fast), JSON.stringify(schema.right))
      }
    },
    { fastCheck: { numRuns: 500 } }
  )

  it("takes twilsock, a chat_service_sid and no links, and refuses a service_sid in its place", () => {
    const wire = {
      sid: "BS0123456789abcdef0123456789abcdef",
      account_sid: "AC0123456789abcdef0123456789abcdef",
      chat_service_sid: "IS0123456789abcdef0123456789abcdef",
      credential_sid: null,
      date_created: "2016-10-21T11:37:03Z",
      date_updated: null,
      endpoint: null,
      identity: "alice",
      binding_type: "twilsock",
      message_types: ["new_message"],
      url: "https://conversations.twilio.com/v1/Services/IS0123456789abcdef0123456789abcdef/Bindings/BS0"
    }
    assert.isTrue(model.isValid(wire))
    assert.strictEqual(model.wrap(wire).bindingType, "twilsock")
    const { chat_service_sid, ...rest } = wire
    assert.isFalse(model.isValid({ ...rest, service_sid: chat_service_sid }))
  })
})
