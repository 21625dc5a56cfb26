/**
 * FakeTwilio: an in-memory and loopback fake of Twilio's Chat v2 Bindings API with fault injection,
 * and realistic Binding generators.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as BindingStore from "./BindingStore.js"

/**
 * @since 0.1.0
 */
export * as FakeTwilio from "./FakeTwilio.js"

/**
 * @since 0.1.0
 */
export * as FakeTwilioServer from "./FakeTwilioServer.js"

/**
 * @since 0.1.0
 */
export * as FaultPlan from "./FaultPlan.js"

/**
 * @since 0.1.0
 */
export * as Generators from "./Generators.js"
