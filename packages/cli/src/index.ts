/**
 * The `bindings` command: list, export, show and delete the push Bindings of Twilio Chat v2 and
 * Conversations v1 services, as JSONL, CSV or a table.
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
export * as Deletion from "./Deletion.js"

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
export * as Lookup from "./Lookup.js"

/**
 * @since 0.1.0
 */
export * as Stdio from "./Stdio.js"
