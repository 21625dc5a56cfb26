/**
 * The Binding resource of Conversations v1 (`GET /v1/Services/{ChatServiceSid}/Bindings`): Chat's
 * Binding with `chat_service_sid` for `service_sid`, no `links`, and the `twilsock` type besides the
 * push ones.
 *
 * @since 0.1.0
 */
import { Equal, Hash, Schema } from "effect"
import { PageMeta } from "./BindingPage.js"
import { ConversationsBindingType } from "./BindingType.js"
import { equivalenceOf, nullable } from "./internal/modelFields.js"
import { equalFields, fieldsOf, hashFields } from "./internal/wireModel.js"
import { AccountSid, BindingSid, CredentialSid, ServiceSid } from "./Sid.js"
import { TwilioDateTime } from "./TwilioDateTime.js"

const fields = {
  /** The Binding's SID (`BS…`). */
  sid: nullable(BindingSid, "sid"),
  /** The Account that created the Binding (`AC…`). */
  accountSid: nullable(AccountSid, "account_sid"),
  /** The Conversation Service the Binding belongs to (`IS…`, the same SID as its Chat Service). */
  chatServiceSid: nullable(ServiceSid, "chat_service_sid"),
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
  /** `gcm`, `apn`, `fcm` or `twilsock`. Never null. */
  bindingType: Schema.propertySignature(ConversationsBindingType).pipe(Schema.fromKey("binding_type")),
  /** The message types the Binding subscribes to (e.g. `new_message`). */
  messageTypes: nullable(Schema.Array(Schema.String), "message_types"),
  /** The absolute URL of the Binding resource. */
  url: nullable(Schema.String, "url")
}

const names = Object.keys(fields)

const equivalence = equivalenceOf(fields)

/**
 * A Binding as Conversations v1 returns it. The type side is camelCase, the encoded side Twilio's
 * wire JSON; every field but `bindingType` is nullable, an `Option`. Decoded on the fast path
 * (`Resource.ConversationsBindings.decodePage`) it behaves as `Binding.Binding` does there: fields
 * computed on first read, equal to the schema's own instance.
 *
 * @example
 * ```ts
 * import { ConversationsBinding } from "@twilio-bindings/domain"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknown(ConversationsBinding.ConversationsBinding)
 * ```
 *
 * @since 0.1.0
 * @category Models
 */
export class ConversationsBinding
  extends Schema.Class<ConversationsBinding>("ConversationsBinding")(fields, { equivalence: () => equivalence })
{
  /**
   * Structural equality over the fields, however the instance was built (see `Binding.Binding`).
   *
   * @since 0.1.0
   */
  [Equal.symbol](that: Equal.Equal): boolean {
    return equalFields(names, this, that, isConversationsBinding(that))
  }

  /**
   * The structural hash of the fields.
   *
   * @since 0.1.0
   */
  [Hash.symbol](): number {
    return hashFields(names, this)
  }

  /**
   * The fields, in order.
   *
   * @since 0.1.0
   */
  toJSON(): unknown {
    return fieldsOf(names, this)
  }
}

/**
 * The wire JSON of a Conversations Binding (snake_case), as Twilio sends it.
 *
 * @since 0.1.0
 * @category Models
 */
export type ConversationsBindingWire = typeof ConversationsBinding.Encoded

/** Outside the class body: see `Binding.ts`. */
const isConversationsBinding = (u: unknown): boolean => u instanceof ConversationsBinding

/**
 * A page of Conversations Bindings: `{ "bindings": [...], "meta": {...} }` on the wire, the same
 * paging metadata as Chat's.
 *
 * @since 0.1.0
 * @category Models
 */
export class ConversationsBindingPage extends Schema.Class<ConversationsBindingPage>("ConversationsBindingPage")({
  /** The Bindings of this page, in the order the API returned them. */
  bindings: Schema.Array(ConversationsBinding),
  /** Paging metadata: where this page is and where the next one is. */
  meta: PageMeta
}) {}
