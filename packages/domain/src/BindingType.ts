/**
 * The push technology of a Binding.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

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
export const BindingType = Schema.Literal(...values).annotations({
  identifier: "BindingType",
  message: (issue) => ({
    message: `binding type must be one of gcm, apn, fcm, got ${JSON.stringify(issue.actual)}`,
    override: true
  })
})

/**
 * @since 0.1.0
 * @category Models
 */
export type BindingType = typeof BindingType.Type
