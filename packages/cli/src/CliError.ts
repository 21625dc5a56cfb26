/**
 * What can stop the `bindings` command.
 *
 * @since 0.1.0
 */
import type { BindingsError } from "@twilio-bindings/stream"
import { Schema } from "effect"
import type { OutputError } from "./Stdio.js"

/**
 * The command line broke a rule: an option's value, a combination of options, an unknown option.
 * Raised before anything is sent; the message names the option and the rule.
 *
 * @since 0.1.0
 * @category Errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  /** What is wrong, e.g. `invalid --page-size: must be a whole number from 1 to 1000, got 0`. */
  description: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return this.description
  }
}

/**
 * An {@link InvalidInput} for an option that broke a rule.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const invalidOption = (option: string, rule: string): InvalidInput =>
  new InvalidInput({ description: `invalid ${option}: ${rule}` })

/**
 * The configuration from the environment (credentials, region, base URL, timeouts) is missing or
 * malformed. Raised before anything is sent; the message names the variable and the rule, never a
 * secret.
 *
 * @since 0.1.0
 * @category Errors
 */
export class ConfigurationError extends Schema.TaggedError<ConfigurationError>()("ConfigurationError", {
  /** What is wrong, e.g. `TWILIO_ACCOUNT_SID is not set`. */
  description: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return this.description
  }
}

/**
 * Any failure of the `list` command.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ListError = InvalidInput | ConfigurationError | BindingsError.BindingsError | OutputError

/**
 * `bindings get` found no binding with the SID in the service (Twilio's 404).
 *
 * @since 0.1.0
 * @category Errors
 */
export class BindingNotFound extends Schema.TaggedError<BindingNotFound>()("BindingNotFound", {
  serviceSid: Schema.String,
  bindingSid: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `no binding ${this.bindingSid} in service ${this.serviceSid}`
  }
}

/**
 * `bindings get` found no binding because Twilio has no such service (it answers 404 for both; a
 * page of the service's bindings told them apart): a mistyped `--service`, or the other `--product`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class ServiceNotFound extends Schema.TaggedError<ServiceNotFound>()("ServiceNotFound", {
  serviceSid: Schema.String,
  product: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `no ${this.product} service ${this.serviceSid}: Twilio answered 404 to its bindings; check --service and --product`
  }
}

/**
 * `bindings delete` could not delete some bindings (each was reported on its own line).
 *
 * @since 0.1.0
 * @category Errors
 */
export class DeletionsFailed extends Schema.TaggedError<DeletionsFailed>()("DeletionsFailed", {
  failed: Schema.Int,
  total: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `${this.failed} of ${this.total} deletions failed; running the same command again retries them`
  }
}

/**
 * `bindings delete` stopped because its reader closed stdout (`| head`): the deletions after the
 * last one reported were not all sent, and those in flight may have gone through unreported.
 * Unlike a listing, which ends quietly, this is a failure: bindings may be left.
 *
 * @since 0.1.0
 * @category Errors
 */
export class DeletionsStopped extends Schema.TaggedError<DeletionsStopped>()("DeletionsStopped", {
  /** Deletions whose line was written before stdout closed. */
  reported: Schema.Int,
  total: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `stopped after reporting ${this.reported} of ${this.total} deletions: stdout was closed; running the same command again deletes the rest`
  }
}

/**
 * `bindings delete` asked on the terminal, and was not told yes: nothing was deleted.
 *
 * @since 0.1.0
 * @category Errors
 */
export class NotConfirmed extends Schema.TaggedError<NotConfirmed>()("NotConfirmed", {
  total: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `not confirmed: none of the ${this.total} bindings was deleted`
  }
}

/**
 * `bindings delete` checked the service before deleting anything, and could not list it: Twilio
 * answers 404 to a DELETE in a service that does not exist, which would read as "already gone".
 *
 * @since 0.1.0
 * @category Errors
 */
export class ServiceCheckFailed extends Schema.TaggedError<ServiceCheckFailed>()("ServiceCheckFailed", {
  serviceSid: Schema.String,
  product: Schema.String,
  /** Why, e.g. `Twilio has no such service`. */
  description: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `cannot delete from ${this.product} service ${this.serviceSid}: ${this.description}; nothing was deleted`
  }
}

/**
 * Any failure of a subcommand.
 *
 * @since 0.1.0
 * @category Errors
 */
export type CommandError =
  | ListError
  | BindingsError.BindingRequestError
  | BindingNotFound
  | ServiceNotFound
  | DeletionsFailed
  | DeletionsStopped
  | NotConfirmed
  | ServiceCheckFailed
