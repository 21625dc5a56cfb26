/**
 * Twilio Chat v2 and Conversations v1 Bindings as a lazy, backpressured Effect Stream, and one binding
 * fetched or deleted.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Bindings from "./Bindings.js"

/**
 * @since 0.1.0
 */
export * as BindingsError from "./BindingsError.js"

/**
 * @since 0.1.0
 */
export * as ConversationsBindings from "./ConversationsBindings.js"
