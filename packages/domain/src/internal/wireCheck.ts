/**
 * The hand-written checks behind `WireDecoder`: the rules of `Binding.Binding`'s wire side, checked
 * without the schema machinery. `undefined` means "not accepted here": the caller then runs the
 * schema, which either accepts (a shape this fast path does not handle) or gives the precise error.
 */
import { Option } from "effect"
import { Binding } from "../Binding.js"
import { values as bindingTypes } from "../BindingType.js"
import type { AccountSid, BindingSid, CredentialSid, ServiceSid } from "../Sid.js"
import * as TwilioDateTime from "../TwilioDateTime.js"

const BINDING_SID = /^BS[0-9a-fA-F]{32}$/
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/
const SERVICE_SID = /^IS[0-9a-fA-F]{32}$/
const CREDENTIAL_SID = /^CR[0-9a-fA-F]{32}$/
const TYPES: ReadonlyArray<unknown> = bindingTypes

/** Thrown inside the fast path to leave it; never escapes this module. */
export const REJECT = Symbol("REJECT")

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
  return Option.some(u.slice())
}

const optionalLinks = (wire: Record<string, unknown>): Option.Option<{ readonly [x: string]: string }> => {
  if (!("links" in wire)) return none
  const links = wire.links
  // undefined is what `optionalWith(..., { as: "Option" })` treats as absent, too
  if (links === undefined) return none
  if (!isObject(links)) throw REJECT
  const copy: Record<string, string> = {}
  for (const key of Object.keys(links)) {
    const value = links[key]
    if (typeof value !== "string") throw REJECT
    copy[key] = value
  }
  return Option.some(copy)
}

const required = (wire: Record<string, unknown>, key: string): unknown => {
  if (!Object.hasOwn(wire, key)) throw REJECT
  return wire[key]
}

export const unsafeBinding = (u: unknown): Binding => {
  if (!isObject(u)) throw REJECT
  const bindingType = required(u, "binding_type")
  if (!TYPES.includes(bindingType)) throw REJECT
  return new Binding({
    sid: nullableSid<BindingSid>(required(u, "sid"), BINDING_SID),
    accountSid: nullableSid<AccountSid>(required(u, "account_sid"), ACCOUNT_SID),
    serviceSid: nullableSid<ServiceSid>(required(u, "service_sid"), SERVICE_SID),
    credentialSid: nullableSid<CredentialSid>(required(u, "credential_sid"), CREDENTIAL_SID),
    dateCreated: nullableDate(required(u, "date_created")),
    dateUpdated: nullableDate(required(u, "date_updated")),
    endpoint: nullableString(required(u, "endpoint")),
    identity: nullableString(required(u, "identity")),
    bindingType: bindingType as Binding["bindingType"],
    messageTypes: nullableStrings(required(u, "message_types")),
    url: nullableString(required(u, "url")),
    links: optionalLinks(u)
  }, true)
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
