/**
 * Twilio Chat v2 Bindings as a lazy, backpressured Effect Stream.
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
