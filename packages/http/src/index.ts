/**
 * An Effect HttpClient layer for the Twilio REST API: auth, retries with Retry-After, timeouts and
 * typed errors.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as TwilioConfig from "./TwilioConfig.js"

/**
 * @since 0.1.0
 */
export * as TwilioError from "./TwilioError.js"

/**
 * @since 0.1.0
 */
export * as TwilioHttpClient from "./TwilioHttpClient.js"
