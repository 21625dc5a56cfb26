/**
 * The `bindings` command: list and export Twilio Chat v2 push Bindings as JSONL, CSV or a table.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as BindingsCommand from "./BindingsCommand.js"

/**
 * @since 0.1.0
 */
export * as CliError from "./CliError.js"

/**
 * @since 0.1.0
 */
export * as Format from "./Format.js"

/**
 * @since 0.1.0
 */
export * as Listing from "./Listing.js"

/**
 * @since 0.1.0
 */
export * as Stdio from "./Stdio.js"
