/**
 * `Binding.Binding`'s wire record described field by field, in the schema's order (the order encoding
 * writes them): the fast path of its decoder, validator and encoder is built from this list. A
 * resource of the same kind (Conversations' Binding: `chat_service_sid`, no `links`, one more binding
 * type) is another such list.
 */
import { Binding } from "../Binding.js"
import { values as bindingTypes } from "../BindingType.js"
import * as Sid from "../Sid.js"
import type { Field } from "./wireModel.js"
import * as WireModel from "./wireModel.js"

/** The fields of `Binding.Binding`. */
export const fields: ReadonlyArray<Field> = [
  { key: "sid", name: "sid", rule: { _tag: "Sid", prefix: Sid.BindingSid.prefix }, presence: "nullable" },
  {
    key: "account_sid",
    name: "accountSid",
    rule: { _tag: "Sid", prefix: Sid.AccountSid.prefix },
    presence: "nullable",
    repeats: true
  },
  {
    key: "service_sid",
    name: "serviceSid",
    rule: { _tag: "Sid", prefix: Sid.ServiceSid.prefix },
    presence: "nullable",
    repeats: true
  },
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
  { key: "url", name: "url", rule: { _tag: "String" }, presence: "nullable" },
  { key: "links", name: "links", rule: { _tag: "StringRecord" }, presence: "optionalNullable" }
]

/** The fast path of `Binding.Binding`. */
export const model: WireModel.WireModel<Binding> = WireModel.make(Binding.prototype, fields)

/** The fast path alone: the decoded Binding, or `undefined` when the input is left to the schema. */
export const tryBinding = (u: unknown): Binding | undefined => model.isValid(u) ? model.wrap(u) : undefined

/** Whether every element of an array passes the fast path's checks (a hole reads as undefined and does not). */
export const allValid = (u: ReadonlyArray<unknown>): boolean => {
  for (let i = 0; i < u.length; i++) if (!model.isValid(u[i])) return false
  return true
}

/** The fast path over an array: every element decoded, or `undefined` if any is left to the schema. */
export const tryBindings = (u: ReadonlyArray<unknown>): Array<Binding> | undefined => {
  // checked in full before any model is built: a page left to the schema costs no allocation here
  if (!allValid(u)) return undefined
  const out: Array<Binding> = new Array(u.length)
  for (let i = 0; i < u.length; i++) out[i] = model.wrap(u[i] as Record<string, unknown>)
  return out
}
