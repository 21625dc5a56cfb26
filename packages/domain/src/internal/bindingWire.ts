/**
 * The wire records of the Binding resources described field by field, in each schema's order (the
 * order encoding writes them): the fast path of their decoders, validators and encoders is built
 * from these lists. Chat v2's and Conversations v1's Bindings differ in the service field's name,
 * the binding types and `links`; a third resource of the kind would be one more description.
 */
import { Binding } from "../Binding.js"
import { conversationsValues, values as chatValues } from "../BindingType.js"
import { ConversationsBinding } from "../ConversationsBinding.js"
import * as Sid from "../Sid.js"
import type { Field } from "./wireModel.js"
import * as WireModel from "./wireModel.js"

/** A Binding's fields, given the service field's wire key and model name and the binding types. */
const bindingFields = (
  service: { readonly key: string; readonly name: string },
  bindingTypes: ReadonlyArray<string>
): Array<Field> => [
  { key: "sid", name: "sid", rule: { _tag: "Sid", prefix: Sid.BindingSid.prefix }, presence: "nullable" },
  {
    key: "account_sid",
    name: "accountSid",
    rule: { _tag: "Sid", prefix: Sid.AccountSid.prefix },
    presence: "nullable",
    repeats: true
  },
  { ...service, rule: { _tag: "Sid", prefix: Sid.ServiceSid.prefix }, presence: "nullable", repeats: true },
  {
    key: "credential_sid",
    name: "credentialSid",
    rule: { _tag: "Sid", prefix: Sid.CredentialSid.prefix },
    presence: "nullable",
    repeats: true
  },
  { key: "date_created", name: "dateCreated", rule: { _tag: "Timestamp" }, presence: "nullable" },
  {
    key: "date_updated",
    name: "dateUpdated",
    rule: { _tag: "Timestamp" },
    presence: "nullable",
    sameAs: "date_created"
  },
  { key: "endpoint", name: "endpoint", rule: { _tag: "String" }, presence: "nullable" },
  { key: "identity", name: "identity", rule: { _tag: "String" }, presence: "nullable" },
  { key: "binding_type", name: "bindingType", rule: { _tag: "Literal", values: bindingTypes }, presence: "required" },
  { key: "message_types", name: "messageTypes", rule: { _tag: "Strings" }, presence: "nullable" },
  { key: "url", name: "url", rule: { _tag: "String" }, presence: "nullable" }
]

/** The fields of `Binding.Binding`. */
export const fields: ReadonlyArray<Field> = [
  ...bindingFields({ key: "service_sid", name: "serviceSid" }, chatValues),
  { key: "links", name: "links", rule: { _tag: "StringRecord" }, presence: "optionalNullable" }
]

/** The fields of `ConversationsBinding.ConversationsBinding`. */
export const conversationsFields: ReadonlyArray<Field> = bindingFields(
  { key: "chat_service_sid", name: "chatServiceSid" },
  conversationsValues
)

/** The fast path of `Binding.Binding`. */
export const model: WireModel.WireModel<Binding> = WireModel.make(Binding.prototype, fields)

/** The fast path of `ConversationsBinding.ConversationsBinding`. */
export const conversationsModel: WireModel.WireModel<ConversationsBinding> = WireModel.make(
  ConversationsBinding.prototype,
  conversationsFields
)

/** Chat's fast path alone: the decoded Binding, or `undefined` when the input is left to the schema. */
export const tryBinding = (u: unknown): Binding | undefined => model.isValid(u) ? model.wrap(u) : undefined

/** Chat's fast path over an array (see `WireModel.tryAll`). */
export const tryBindings = (u: ReadonlyArray<unknown>): Array<Binding> | undefined => WireModel.tryAll(model, u)
