/**
 * The push technology of a Binding.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** The rule's message names every value a product accepts. */
const annotations = (identifier: string, accepted: ReadonlyArray<string>) => ({
  identifier,
  message: (issue: { readonly actual: unknown }) => ({
    message: `binding type must be one of ${accepted.join(", ")}, got ${JSON.stringify(issue.actual)}`,
    override: true
  })
})

/**
 * The values Twilio accepts and returns for `binding_type` / `BindingType`.
 *
 * @since 0.1.0
 * @category Constants
 */
export const values = ["gcm", "apn", "fcm"] as const

/**
 * `"gcm"` (Google Cloud Messaging), `"apn"` (Apple Push Notification service) or `"fcm"`
 * (Firebase Cloud Messaging).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const BindingType = Schema.Literal(...values).annotations(annotations("BindingType", values))

/**
 * @since 0.1.0
 * @category Models
 */
export type BindingType = typeof BindingType.Type

/**
 * The values Conversations v1 accepts and returns: Chat's, and `twilsock` (the binding of Twilio's
 * own websocket transport for connected clients).
 *
 * @since 0.1.0
 * @category Constants
 */
export const conversationsValues = [...values, "twilsock"] as const

/**
 * A Conversations Binding's type: `"gcm"`, `"apn"`, `"fcm"` or `"twilsock"`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ConversationsBindingType = Schema.Literal(...conversationsValues).annotations(
  annotations("ConversationsBindingType", conversationsValues)
)

/**
 * @since 0.1.0
 * @category Models
 */
export type ConversationsBindingType = typeof ConversationsBindingType.Type
