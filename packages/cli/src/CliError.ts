/**
 * What can stop the `bindings` command, its exit codes and its one-line messages.
 *
 * @since 0.1.0
 */
import type { ValidationError } from "@effect/cli"
import type { BindingsError } from "@twilio-bindings/stream"
import { Schema } from "effect"
import * as Text from "./internal/text.js"
import type { OutputError } from "./Stdio.js"

/**
 * The exit codes: 0 success (a reader closing the pipe included), 1 an API or transport failure,
 * 2 invalid input (options, configuration, credentials), nothing sent.
 *
 * @since 0.1.0
 * @category Constants
 */
export const ExitCode = {
  Success: 0,
  Failure: 1,
  InvalidInput: 2,
  Interrupted: 130
} as const

/**
 * A command-line value broke a rule. Raised before anything is sent.
 *
 * @since 0.1.0
 * @category Errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  /** The option at fault, e.g. `--page-size`. */
  option: Schema.String,
  /** The rule it broke and the value, e.g. `must be a whole number from 1 to 1000, got 0`. */
  rule: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `invalid ${this.option}: ${this.rule}`
  }
}

/**
 * The configuration (credentials, region, base URL, timeouts) is missing or malformed. Raised
 * before anything is sent; the message names the variable or option and the rule, never a secret.
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
 * How the command ends for an error: the exit code and the line for stderr (`undefined`: nothing
 * to print, because @effect/cli already printed it or the reader closed the pipe).
 *
 * @since 0.1.0
 * @category Reporting
 */
export const outcome = (
  error: ListError | ValidationError.ValidationError
): { readonly exitCode: number; readonly line: string | undefined } => {
  switch (error._tag) {
    case "InvalidInput":
    case "ConfigurationError":
      return { exitCode: ExitCode.InvalidInput, line: error.message }
    case "InvalidRequestError":
      return { exitCode: ExitCode.InvalidInput, line: `invalid ${optionOfField(error.field)}: ${error.rule}` }
    case "ListingError":
      return {
        exitCode: ExitCode.Failure,
        line: `listing failed after ${error.emitted} bindings: ${error.cause.message}; resume with --start-at ${
          JSON.stringify(error.cursor)
        }`
      }
    case "OutputError":
      return error.stream === "stdout" && error.closed
        ? { exitCode: ExitCode.Success, line: undefined }
        : { exitCode: ExitCode.Failure, line: error.message }
    default:
      // @effect/cli's own parse errors: it printed the reason already; point at the usage.
      return { exitCode: ExitCode.InvalidInput, line: "invalid arguments; see bindings list --help" }
  }
}

/**
 * The command-line option of a listing argument named by the stream package.
 *
 * @since 0.1.0
 * @category Reporting
 */
export const optionOfField = (field: string): string => {
  const base = field.replace(/\[\d+\]$/, "")
  switch (base) {
    case "serviceSid":
      return "--service"
    case "bindingType":
      return "--binding-type"
    case "identity":
      return "--identity"
    case "pageSize":
      return "--page-size"
    case "limit":
      return "--limit"
    case "startAt":
      return "--start-at"
    default:
      return field
  }
}

/**
 * An error line as printed: prefixed with the command's name, on one line, control characters escaped
 * (a server's message can neither break the line nor drive the terminal).
 *
 * @since 0.1.0
 * @category Reporting
 */
export const formatLine = (line: string): string => `bindings: ${Text.sanitize(line)}\n`
