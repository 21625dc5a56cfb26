/**
 * The Binding resource: one device's push-notification subscription for a Chat user.
 *
 * @since 0.1.0
 */
import { Equal, Hash, Schema } from "effect"
import { BindingType } from "./BindingType.js"
import { equivalenceOf, nullable } from "./internal/modelFields.js"
import { equalFields, fieldsOf, hashFields } from "./internal/wireModel.js"
import { AccountSid, BindingSid, CredentialSid, ServiceSid } from "./Sid.js"
import { TwilioDateTime } from "./TwilioDateTime.js"

/**
 * The `links` object of a Binding: related resources by name, each an absolute URL
 * (e.g. `{ "user": "https://chat.twilio.com/v2/Services/IS…/Users/TestUser" }`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const BindingLinks = Schema.Record({ key: Schema.String, value: Schema.String }).annotations({
  identifier: "BindingLinks"
})

const fields = {
  /** The Binding's SID (`BS…`). */
  sid: nullable(BindingSid, "sid"),
  /** The Account that created the Binding (`AC…`). */
  accountSid: nullable(AccountSid, "account_sid"),
  /** The Chat Service the Binding belongs to (`IS…`). */
  serviceSid: nullable(ServiceSid, "service_sid"),
  /** The push Credential used to deliver notifications (`CR…`). */
  credentialSid: nullable(CredentialSid, "credential_sid"),
  /** When the Binding was created (UTC). */
  dateCreated: nullable(TwilioDateTime, "date_created"),
  /** When the Binding was last updated (UTC). */
  dateUpdated: nullable(TwilioDateTime, "date_updated"),
  /** The device endpoint; its format depends on the binding type. */
  endpoint: nullable(Schema.String, "endpoint"),
  /** The application-defined identity of the Binding's User (personal data: handle with care). */
  identity: nullable(Schema.String, "identity"),
  /** The push technology: `gcm`, `apn` or `fcm`. Never null. */
  bindingType: Schema.propertySignature(BindingType).pipe(Schema.fromKey("binding_type")),
  /** The Chat message types the Binding subscribes to (e.g. `new_message`, `added_to_channel`). */
  messageTypes: nullable(Schema.Array(Schema.String), "message_types"),
  /** The absolute URL of the Binding resource. */
  url: nullable(Schema.String, "url"),
  /**
   * Related resources. Absent from the documented field list yet present in real responses, and
   * nullable in Twilio's OpenAPI description, so all three wire forms are kept apart and encode back
   * as they came: an absent key is `Option.none()` (encoded without the key), `null` is
   * `Option.some(null)` (encoded as `null`), an object is `Option.some(object)`.
   */
  links: Schema.optionalWith(Schema.NullOr(BindingLinks), { as: "Option" })
}

const names = Object.keys(fields)

const equivalence = equivalenceOf(fields)

/**
 * A push-notification Binding as returned by `GET /v2/Services/{ServiceSid}/Bindings`.
 *
 * The type side is camelCase; the encoded side is Twilio's wire JSON (snake_case). Every field the
 * API documents as nullable is an `Option`; unknown extra fields are ignored on decode; encoding
 * gives back the wire values (timestamps in the same `YYYY-MM-DDTHH:MM:SSZ` form).
 *
 * @example
 * ```ts
 * import { Binding } from "@twilio-bindings/domain"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknown(Binding.Binding)
 * ```
 *
 * @since 0.1.0
 * @category Models
 */
export class Binding extends Schema.Class<Binding>("Binding")(fields, { equivalence: () => equivalence }) {
  /**
   * Structural equality over the fields, as `Data.Class` has it, but reading each field instead of
   * listing own keys: a Binding from `WireDecoder` (fields computed on first read) equals one the
   * schema built with the same fields.
   *
   * @since 0.1.0
   */
  [Equal.symbol](that: Equal.Equal): boolean {
    return equalFields(names, this, that, isBinding(that))
  }

  /**
   * The structural hash of the fields: the same number `Data.Class` gives an instance with these fields.
   *
   * @since 0.1.0
   */
  [Hash.symbol](): number {
    return hashFields(names, this)
  }

  /**
   * The fields, in order: what `JSON.stringify` writes for any Binding, however it was built.
   *
   * @since 0.1.0
   */
  toJSON(): unknown {
    return fieldsOf(names, this)
  }
}

/**
 * The wire JSON of a Binding (snake_case), as Twilio sends it.
 *
 * @since 0.1.0
 * @category Models
 */
export type BindingWire = typeof Binding.Encoded

/**
 * Outside the class body on purpose: a class that names itself in its own methods is renamed by
 * bundlers (esbuild prints `_Binding`), and `util.inspect` would show that name.
 */
const isBinding = (u: unknown): boolean => u instanceof Binding
