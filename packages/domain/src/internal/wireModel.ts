/**
 * The machinery behind the fast decoders: a resource's wire record is described field by field (wire
 * key, model name, rule, presence), and from that description come a validator, a lazy model and a
 * wire writer. A new resource is a new description, not a new decoder.
 *
 * Why lazy: a listing mostly counts, filters or forwards its items, and building ten Options and a
 * `DateTime` or two per binding up front was most of the decode's cost and most of its garbage. So the
 * fast path only checks the wire record (exactly the schema's rules) and wraps it; each field is
 * decoded on first read and cached. The model class takes its equality, hash and JSON from the field
 * list (not from own keys), so a lazy instance and a schema-built one compare, hash and print alike.
 *
 * Why rules are data and not functions: the validator runs once per field of every item, and one
 * loop that tests a small set of rules inline cost about a third less than calling a check closure per
 * field (the calls cannot be inlined where every field's closure meets). What the description still
 * costs against a validator written out for one resource is the field reads by computed key: about
 * 5 ms per 100k bindings.
 */
import { Equal, Hash, Option } from "effect"
import * as TwilioDateTime from "../TwilioDateTime.js"
import * as Civil from "./civil.js"

/** What a wire value must be, as the schema of the field says (before `null` and absence are considered). */
export type Rule =
  /** `Schema.String`. */
  | { readonly _tag: "String" }
  /** A SID of `Sid.make(prefix, …)`: the prefix then 32 hex digits. */
  | { readonly _tag: "Sid"; readonly prefix: string }
  /** `TwilioDateTime`: an RFC 3339 date-time naming a real instant, decoded to a `DateTime.Utc`. */
  | { readonly _tag: "Timestamp" }
  /** `Schema.Array(Schema.String)`. */
  | { readonly _tag: "Strings" }
  /** `Schema.Literal(...values)`. */
  | { readonly _tag: "Literal"; readonly values: ReadonlyArray<string> }
  /** `Schema.Record({ key: Schema.String, value: Schema.String })`. */
  | { readonly _tag: "StringRecord" }

/**
 * How the field's key may be present, and what the model holds:
 * - `required`: the value itself (`Schema.propertySignature(X)`);
 * - `nullable`: `null` or a value, as `Option.none()` / `Option.some(value)` (`OptionFromNullOr(X)`);
 * - `optionalNullable`: absent (or `undefined`), `null` or a value, as `Option.none()`,
 *   `Option.some(null)`, `Option.some(value)` (`optionalWith(NullOr(X), { as: "Option" })`).
 */
export type Presence = "required" | "nullable" | "optionalNullable"

/** One wire field of a resource. */
export interface Field {
  /** The wire key, e.g. `"account_sid"`. */
  readonly key: string
  /** The model's property, e.g. `"accountSid"`. */
  readonly name: string
  readonly rule: Rule
  readonly presence: Presence
  /**
   * The wire key of an earlier field with the same rule: when both hold the same text, this field
   * reads as that field's (immutable) value instead of decoding it again (a binding never updated has
   * `date_updated` equal to `date_created`).
   */
  readonly sameAs?: string | undefined
  /**
   * Whether the value usually repeats from one item to the next (the account, the service, the
   * credential of a listing): the last string accepted, and the last decoded with its value, are then
   * kept, so a repeat costs a comparison instead of a check and an allocation. Not for values that
   * differ (comparing two long URLs that share a prefix costs more than checking one).
   */
  readonly repeats?: boolean | undefined
}

/** A plain object: what the schema's struct and record decoders accept. */
export const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Only records fresh from `JSON.parse` come this way: no getters or inherited fields to surprise a check. */
const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  isObject(u) && Object.getPrototypeOf(u) === Object.prototype

/** 1 at the char codes of `[0-9a-fA-F]`: a table lookup is cheaper than three range tests or a regex. */
const HEX = new Uint8Array(128)
for (const digit of "0123456789abcdefABCDEF") HEX[digit.charCodeAt(0)] = 1

/** `^XX[0-9a-fA-F]{32}$` without a regex, XX given as its two char codes. */
const isSid = (u: string, first: number, second: number): boolean => {
  if (u.length !== 34 || u.charCodeAt(0) !== first || u.charCodeAt(1) !== second) return false
  for (let i = 2; i < 34; i++) {
    const code = u.charCodeAt(i)
    if (code > 127 || HEX[code] === 0) return false
  }
  return true
}

/** An array of strings, as `Schema.Array(Schema.String)` accepts (holes read as undefined and are refused). */
const isStrings = (u: unknown): boolean => {
  if (!Array.isArray(u)) return false
  for (let i = 0; i < u.length; i++) if (typeof u[i] !== "string") return false
  return true
}

/** A plain object of strings, as `Schema.Record({ key: String, value: String })` accepts. */
const isStringRecord = (u: unknown): boolean => {
  if (!isObject(u)) return false
  for (const key in u) if (typeof u[key] !== "string") return false
  return true
}

const STRING = 0
const SID = 1
const TIMESTAMP = 2
const STRINGS = 3
const LITERAL = 4
const STRING_RECORD = 5
const codes = {
  String: STRING,
  Sid: SID,
  Timestamp: TIMESTAMP,
  Strings: STRINGS,
  Literal: LITERAL,
  StringRecord: STRING_RECORD
}

/** Whether a non-null, present wire value satisfies one of the rules that are not strings. */
const satisfiesOther = (code: number, u: unknown, rule: Rule): boolean => {
  switch (code) {
    case STRINGS:
      return isStrings(u)
    case LITERAL:
      return (rule as { readonly values: ReadonlyArray<unknown> }).values.includes(u)
    default:
      return isStringRecord(u)
  }
}

/** The model value of a valid, non-null wire value. */
const decodeValue = (rule: Rule, u: unknown): unknown =>
  rule._tag === "Timestamp" ? TwilioDateTime.parse(u as string) : u

/**
 * The wire value `Schema.encode` gives back for a valid, non-null wire value: a timestamp in
 * Twilio's own form is already that text; any other RFC 3339 form (an offset, a fraction) comes back
 * in UTC.
 */
const canonicalValue = (rule: Rule, u: unknown): unknown =>
  rule._tag === "Timestamp" && Civil.parseCommonForm(u as string) === null
    ? TwilioDateTime.format(TwilioDateTime.parse(u as string)!)
    : u

const none = Option.none()
const someNull = Option.some(null)

/** The description of a resource's wire record, and everything built from it. */
export interface WireModel<Model> {
  readonly fields: ReadonlyArray<Field>
  /** Whether a wire record passes every field's check (and is a plain object). */
  readonly isValid: (u: unknown) => u is Record<string, unknown>
  /** The validated record wrapped as a model instance whose fields decode on first read. */
  readonly wrap: (wire: Record<string, unknown>) => Model
  /** The wire record behind a lazy instance, or `undefined` for an instance built another way. */
  readonly wireOf: (model: Model) => Record<string, unknown> | undefined
  /** The wire object the schema's encoding gives for a valid record: its fields only, in field order. */
  readonly canonical: (wire: Record<string, unknown>) => Record<string, unknown>
}

/** Node's hook for `util.inspect` (the same symbol Effect's `Inspectable` uses). */
const NodeInspect = Symbol.for("nodejs.util.inspect.custom")

/**
 * Builds the fast path of a resource from its fields and its model class's prototype: lazy instances
 * have that prototype in their chain (`instanceof` holds) and read each field through a getter.
 */
export const make = <Model extends object>(prototype: Model, fields: ReadonlyArray<Field>): WireModel<Model> => {
  const count = fields.length
  const keys = fields.map((field) => field.key)
  const names = fields.map((field) => field.name)
  const rules = fields.map((field) => field.rule)
  const ruleCodes = rules.map((rule) => codes[rule._tag])
  const firsts = rules.map((rule) => rule._tag === "Sid" ? rule.prefix.charCodeAt(0) : 0)
  const seconds = rules.map((rule) => rule._tag === "Sid" ? rule.prefix.charCodeAt(1) : 0)
  const nullAllowed = fields.map((field) => field.presence !== "required")
  const absenceAllowed = fields.map((field) => field.presence === "optionalNullable")
  const presences = fields.map((field) => field.presence)
  const repeats = fields.map((field) => field.repeats === true)
  const sameAs = fields.map((field) => field.sameAs === undefined ? -1 : keys.indexOf(field.sameAs))
  // per repeating field, the last string checked, and the last one decoded with its value
  const lastChecked: Array<unknown> = new Array(count).fill(undefined)
  const lastDecodedWire: Array<unknown> = new Array(count).fill(undefined)
  const lastDecoded: Array<unknown> = new Array(count).fill(undefined)

  const isValid = (u: unknown): u is Record<string, unknown> => {
    if (!isPlainObject(u)) return false
    for (let i = 0; i < count; i++) {
      const value = u[keys[i]!]
      // only strings are kept (immutable, so a repeat has the same answer); never undefined
      if (value === lastChecked[i] && value !== undefined) continue
      if (value === null) {
        if (!nullAllowed[i]) return false
      } else if (value === undefined) {
        if (!absenceAllowed[i]) return false
      } else {
        // the string rules, which most fields have, are tested here rather than in a call
        const code = ruleCodes[i]!
        if (code === STRING) {
          if (typeof value !== "string") return false
        } else if (code === SID) {
          if (typeof value !== "string" || !isSid(value, firsts[i]!, seconds[i]!)) return false
        } else if (code === TIMESTAMP) {
          if (typeof value !== "string" || Civil.parseMillis(value) === undefined) return false
        } else if (!satisfiesOther(code, value, rules[i]!)) return false
        if (repeats[i] && typeof value === "string") lastChecked[i] = value
      }
    }
    return true
  }

  const decodeField = (i: number, u: unknown): unknown => {
    switch (presences[i]) {
      case "required":
        return decodeValue(rules[i]!, u)
      case "nullable":
        return u === null ? none : Option.some(decodeValue(rules[i]!, u))
      default:
        return u === undefined ? none : u === null ? someNull : Option.some(decodeValue(rules[i]!, u))
    }
  }

  class Lazy {
    readonly #wire: Record<string, unknown>
    #values: Array<unknown> | undefined = undefined
    constructor(wire: Record<string, unknown>) {
      this.#wire = wire
    }
    static wireOf(self: object): Record<string, unknown> | undefined {
      return #wire in self ? self.#wire : undefined
    }
    static read(self: Lazy, i: number): unknown {
      // no decoded value is undefined, so a slot not yet filled reads as "not read"
      const values = self.#values ??= new Array(count)
      const cached = values[i]
      if (cached !== undefined) return cached
      const wire = self.#wire[keys[i]!]
      const other = sameAs[i]!
      let value: unknown
      if (other >= 0 && wire === self.#wire[keys[other]!]) {
        value = Lazy.read(self, other)
      } else if (repeats[i] && typeof wire === "string" && wire === lastDecodedWire[i]) {
        // the same text decodes to an equal immutable value: share it
        value = lastDecoded[i]
      } else {
        value = decodeField(i, wire)
        if (repeats[i] && typeof wire === "string") {
          lastDecodedWire[i] = wire
          lastDecoded[i] = value
        }
      }
      values[i] = value
      return value
    }
  }
  Object.setPrototypeOf(Lazy.prototype, prototype)
  // `binding.constructor` is the model class, as for an instance the schema built
  delete (Lazy.prototype as { constructor?: unknown }).constructor
  fields.forEach((field, i) => {
    Object.defineProperty(Lazy.prototype, field.name, {
      get(this: Lazy) {
        return Lazy.read(this, i)
      },
      enumerable: false,
      configurable: true
    })
  })
  Object.defineProperty(Lazy.prototype, NodeInspect, {
    // `util.inspect` reads own properties, which a lazy instance has none of: show it as the schema's
    // instance would show, a `prototype`-made object with the fields as own properties
    value(this: Model) {
      return Object.assign(Object.create(prototype), fieldsOf(names, this))
    },
    enumerable: false,
    configurable: true
  })

  /**
   * Whether a valid record is already what `canonical` builds: its own keys are the fields' keys in
   * field order (an absent optional one skipped) and its timestamps are in Twilio's form, as Twilio
   * sends them. Then the record itself is the answer, and `JSON.stringify` writes it in one call.
   */
  const isCanonical = (wire: Record<string, unknown>): boolean => {
    let i = 0
    for (const key in wire) {
      while (i < count && keys[i] !== key && absenceAllowed[i]) i++
      if (i === count || keys[i] !== key) return false
      const value = wire[key]
      if (value === undefined) return false
      if (ruleCodes[i] === TIMESTAMP && value !== null && !Civil.hasCommonShape(value as string)) return false
      i++
    }
    // the fields not seen may only be absent optional ones (a valid record has every other key)
    for (; i < count; i++) if (!absenceAllowed[i]) return false
    return true
  }

  const canonical = (wire: Record<string, unknown>): Record<string, unknown> => {
    if (isCanonical(wire)) return wire
    const out: Record<string, unknown> = {}
    for (const field of fields) {
      const value = wire[field.key]
      // only an optional field can be absent here, and absent it stays
      if (value !== undefined) out[field.key] = value === null ? null : canonicalValue(field.rule, value)
    }
    return out
  }

  return {
    fields,
    isValid,
    wrap: (wire) => new Lazy(wire) as unknown as Model,
    wireOf: (model) => Lazy.wireOf(model),
    canonical
  }
}

/** Whether every element of an array passes the fast path's checks (a hole reads as undefined and does not). */
export const allValid = <Model>(model: WireModel<Model>, u: ReadonlyArray<unknown>): boolean => {
  for (let i = 0; i < u.length; i++) if (!model.isValid(u[i])) return false
  return true
}

/** The fast path over an array: every element decoded, or `undefined` if any is left to the schema. */
export const tryAll = <Model>(model: WireModel<Model>, u: ReadonlyArray<unknown>): Array<Model> | undefined => {
  // checked in full before any model is built: a page left to the schema costs no allocation here
  if (!allValid(model, u)) return undefined
  const out: Array<Model> = new Array(u.length)
  for (let i = 0; i < u.length; i++) out[i] = model.wrap(u[i] as Record<string, unknown>)
  return out
}

/** The model's fields as a plain object, in field order, read through whatever accessors it has. */
export const fieldsOf = (names: ReadonlyArray<string>, model: object): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const name of names) out[name] = (model as Record<string, unknown>)[name]
  return out
}

/**
 * `Data.Class`'s structural equality, over the field names instead of own keys: a lazy instance has
 * no own fields, yet equals a schema-built instance with equal fields (and the other way round, as
 * the model class uses this for both).
 */
export const equalFields = (
  names: ReadonlyArray<string>,
  self: object,
  that: unknown,
  sameModel: boolean
): boolean => {
  if (typeof that !== "object" || that === null) return false
  // an instance of the model has exactly the fields, own or read through accessors
  const thatKeys = sameModel ? names : Object.keys(that)
  if (thatKeys.length !== names.length) return false
  for (const name of names) {
    if (
      !(name in that && Equal.equals((self as Record<string, unknown>)[name], (that as Record<string, unknown>)[name]))
    ) {
      return false
    }
  }
  return true
}

/** `Data.Class`'s structural hash over the field names: the same number for a lazy and a schema-built instance. */
export const hashFields = (names: ReadonlyArray<string>, self: object): number =>
  Hash.cached(self, Hash.structureKeys(self as Record<string, unknown>, names))
