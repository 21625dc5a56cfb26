/**
 * The hand-written checks behind `WireDecoder`: the rules of `Binding.Binding`'s wire side, checked
 * without the schema machinery. `undefined` means "not accepted here": the caller then runs the
 * schema, which either accepts (a shape this fast path does not handle) or gives the precise error.
 *
 * Speed matters here (it runs once per binding of every listing): no regex for dates, no copies of
 * arrays fresh from `JSON.parse`, and the Binding built on its prototype with its fields in the
 * schema's order, as the class constructor would after validation.
 */
import { Option } from "effect"
import { Binding } from "../Binding.js"
import { values as bindingTypes } from "../BindingType.js"
import * as Sid from "../Sid.js"
import * as TwilioDateTime from "../TwilioDateTime.js"

const TYPES: ReadonlyArray<unknown> = bindingTypes

/** Thrown inside the fast path to leave it; never escapes this module. */
const REJECT = Symbol("REJECT")

/** A plain object: what the schema's struct and record decoders accept. */
export const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const none = Option.none()

const nullableString = (u: unknown): Option.Option<string> => {
  if (u === null) return none
  if (typeof u === "string") return Option.some(u)
  throw REJECT
}

const nullableSid = <A>(u: unknown, pattern: RegExp): Option.Option<A> => {
  if (u === null) return none
  if (typeof u === "string" && pattern.test(u)) return Option.some(u as A)
  throw REJECT
}

/**
 * A SID field that repeats from binding to binding (the account, the service, often the credential):
 * the last value checked and its Option are kept, so a repeat costs a string comparison, not a
 * regex and an allocation. Options are immutable, so sharing one is safe.
 */
const repeatedSid = <A>(pattern: RegExp) => {
  let lastText: unknown = undefined
  let lastOption: Option.Option<A> = none
  return (u: unknown): Option.Option<A> => {
    // only null and valid SIDs are ever kept, so equal input means the same answer
    if (u === lastText) return lastOption
    const option = nullableSid<A>(u, pattern)
    lastText = u
    lastOption = option
    return option
  }
}

const accountSid = repeatedSid<Sid.AccountSid>(Sid.AccountSid.pattern)
const serviceSid = repeatedSid<Sid.ServiceSid>(Sid.ServiceSid.pattern)
const credentialSid = repeatedSid<Sid.CredentialSid>(Sid.CredentialSid.pattern)

const nullableDate = (u: unknown) => {
  if (u === null) return none
  if (typeof u === "string") {
    const parsed = TwilioDateTime.parse(u)
    if (parsed !== undefined) return Option.some(parsed)
  }
  throw REJECT
}

const nullableStrings = (u: unknown): Option.Option<ReadonlyArray<string>> => {
  if (u === null) return none
  if (!Array.isArray(u)) throw REJECT
  for (let i = 0; i < u.length; i++) if (typeof u[i] !== "string") throw REJECT
  return Option.some(u)
}

const someNull = Option.some(null)

const optionalLinks = (wire: Record<string, unknown>): Binding["links"] => {
  const links = wire.links
  // absent and undefined are both "no links" for `optionalWith(..., { as: "Option" })`
  if (links === undefined) return none
  if (links === null) return someNull
  if (!isObject(links)) throw REJECT
  for (const key in links) {
    if (typeof links[key] !== "string") throw REJECT
  }
  return Option.some(links as { readonly [x: string]: string })
}

type Fields = { -readonly [K in keyof Binding]: Binding[K] }

const unsafeBinding = (u: unknown): Binding => {
  if (!isObject(u) || Object.getPrototypeOf(u) !== Object.prototype) throw REJECT
  // A missing key reads as undefined, which every check below refuses as the schema does; only
  // plain objects come here, so no field can be inherited.
  const bindingType = u.binding_type
  if (!TYPES.includes(bindingType)) throw REJECT
  const binding: Fields = Object.create(Binding.prototype)
  binding.sid = nullableSid<Sid.BindingSid>(u.sid, Sid.BindingSid.pattern)
  binding.accountSid = accountSid(u.account_sid)
  binding.serviceSid = serviceSid(u.service_sid)
  binding.credentialSid = credentialSid(u.credential_sid)
  const created = u.date_created
  const updated = u.date_updated
  binding.dateCreated = nullableDate(created)
  // most bindings were never updated: the same text is the same (immutable) instant, parsed once
  binding.dateUpdated = updated === created ? binding.dateCreated : nullableDate(updated)
  binding.endpoint = nullableString(u.endpoint)
  binding.identity = nullableString(u.identity)
  binding.bindingType = bindingType as Binding["bindingType"]
  binding.messageTypes = nullableStrings(u.message_types)
  binding.url = nullableString(u.url)
  binding.links = optionalLinks(u)
  return binding as Binding
}

/** The fast path alone: the decoded Binding, or `undefined` when the input is left to the schema. */
export const tryBinding = (u: unknown): Binding | undefined => {
  try {
    return unsafeBinding(u)
  } catch (error) {
    if (error !== REJECT) throw error
    return undefined
  }
}

/** The fast path over an array: every element decoded, or `undefined` if any is left to the schema. */
export const tryBindings = (u: ReadonlyArray<unknown>): Array<Binding> | undefined => {
  try {
    // Array.from visits holes (as undefined, refused) where map would skip them
    return Array.from(u, unsafeBinding)
  } catch (error) {
    if (error !== REJECT) throw error
    return undefined
  }
}
