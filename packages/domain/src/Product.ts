/**
 * The two Twilio products that serve the Binding resource: Programmable Chat v2 and its successor,
 * Conversations v1. A Conversations service is a Chat service (the same `IS…` SID, the same
 * bindings), reached on another host.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The products, in the order help texts list them (`chat` is the default everywhere).
 *
 * @since 0.1.0
 * @category Constants
 */
export const values = ["chat", "conversations"] as const

/**
 * A product name: `chat` or `conversations`.
 *
 * @example
 * ```ts
 * import { Product } from "@twilio-bindings/domain"
 * import { Schema } from "effect"
 *
 * const product = Schema.decodeUnknownSync(Product.Product)("conversations")
 * ```
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Product = Schema.Literal(...values).annotations({
  identifier: "Product",
  description: `one of ${values.join(", ")}`
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Product = typeof Product.Type

/**
 * The first label of the product's hostname: `chat` for `chat.twilio.com`, `conversations` for
 * `conversations.twilio.com` (regional hosts put the edge and region after it).
 *
 * @since 0.1.0
 * @category Constants
 */
export const hostLabel: { readonly [P in Product]: string } = {
  chat: "chat",
  conversations: "conversations"
}
