/**
 * Branded schemas for Twilio SIDs: a two-letter prefix naming the resource kind followed by 32
 * hexadecimal digits (`^XX[0-9a-fA-F]{32}$`, 34 characters in all).
 *
 * @since 0.1.0
 */
import type { Brand } from "effect"
import { Schema } from "effect"

const SID_LENGTH = 34
const HEX_DIGITS = "0123456789abcdef"
const NON_HEX = /[^0-9a-fA-F]/

/**
 * Says what is wrong with `value` as a SID of the given kind, or `undefined` when it is valid.
 *
 * The message names the kind and the broken rule (length, prefix or a non-hex character), so a
 * user who pasted the wrong SID into the wrong option sees at once what to fix.
 *
 * @since 0.1.0
 * @category Validation
 */
export const describeInvalid = (kind: string, prefix: string, value: string): string | undefined => {
  if (value.length !== SID_LENGTH) {
    return `${kind} must be ${SID_LENGTH} characters ("${prefix}" followed by 32 hex digits), got ${value.length}`
  }
  if (!value.startsWith(prefix)) {
    return `${kind} must start with "${prefix}", got "${value.slice(0, 2)}"`
  }
  const bad = NON_HEX.exec(value.slice(2))
  if (bad !== null) {
    return `${kind} must be "${prefix}" followed by 32 hex digits, found ${JSON.stringify(bad[0])} at position ${
      bad.index + 2
    }`
  }
  return undefined
}

/**
 * The schema of one SID kind, as built by {@link make}.
 *
 * @since 0.1.0
 * @category Schemas
 */
export interface SidSchema<Kind extends string> extends Schema.brand<typeof Schema.String, Kind> {
  /** The two-letter prefix, e.g. `"IS"`. */
  readonly prefix: string
  /** The brand and the name used in error messages, e.g. `"ServiceSid"`. */
  readonly kind: Kind
  /**
   * The whole rule as one regular expression (`^IS[0-9a-fA-F]{32}$`): what a hot path tests instead
   * of decoding, and what the JSON Schema publishes.
   */
  readonly pattern: RegExp
}

/**
 * Builds the branded schema of a SID kind from its two-letter prefix.
 *
 * Decoding fails with a message naming the kind and what is wrong; the schema's arbitrary
 * generates valid SIDs of that kind (mixed-case hex).
 *
 * @example
 * ```ts
 * import { Sid } from "@twilio-bindings/domain"
 *
 * const UserSid = Sid.make("US", "UserSid")
 * const sid = UserSid.make("US0123456789abcdef0123456789abcdef")
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = <const Kind extends string>(prefix: string, kind: Kind): SidSchema<Kind> => {
  const pattern = new RegExp(`^${prefix}[0-9a-fA-F]{32}$`)
  const schema = Schema.String.pipe(
    Schema.filter((value) => describeInvalid(kind, prefix, value) ?? true, {
      identifier: kind,
      title: kind,
      description: `a Twilio ${kind}: "${prefix}" followed by 32 hexadecimal digits`,
      jsonSchema: { pattern: pattern.source, minLength: SID_LENGTH, maxLength: SID_LENGTH },
      arbitrary: () => (fc) =>
        fc.array(fc.constantFrom(...HEX_DIGITS, ...HEX_DIGITS.slice(10).toUpperCase()), {
          minLength: 32,
          maxLength: 32
        }).map((digits) => prefix + digits.join(""))
    }),
    Schema.brand(kind)
  )
  return Object.assign(schema, { prefix, kind, pattern })
}

/**
 * A Chat Service SID (`IS…`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ServiceSid = make("IS", "ServiceSid")

/**
 * @since 0.1.0
 * @category Models
 */
export type ServiceSid = string & Brand.Brand<"ServiceSid">

/**
 * A push-notification Binding SID (`BS…`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const BindingSid = make("BS", "BindingSid")

/**
 * @since 0.1.0
 * @category Models
 */
export type BindingSid = string & Brand.Brand<"BindingSid">

/**
 * A Twilio Account SID (`AC…`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const AccountSid = make("AC", "AccountSid")

/**
 * @since 0.1.0
 * @category Models
 */
export type AccountSid = string & Brand.Brand<"AccountSid">

/**
 * A push Credential SID (`CR…`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CredentialSid = make("CR", "CredentialSid")

/**
 * @since 0.1.0
 * @category Models
 */
export type CredentialSid = string & Brand.Brand<"CredentialSid">
