/**
 * How the command ends for an error: the exit code and the one line for stderr.
 *
 * @internal
 */
import type { ValidationError } from "@effect/cli"
import { HelpDoc } from "@effect/cli"
import * as Doc from "@effect/printer/Doc"
import type { BindingsError } from "@twilio-bindings/stream"
import type { CommandError } from "../CliError.js"
import * as Text from "./text.js"

/** The exit codes; see the command's README. */
export const ExitCode = {
  Success: 0,
  Failure: 1,
  InvalidInput: 2,
  /** 128 + SIGINT's number, as a shell reports a process the signal ended. */
  Interrupted: 130,
  /** 128 + SIGTERM's number. */
  Terminated: 143
} as const

/** The longest failure description printed; a server's message or a URL can be any length. */
const MAX_DESCRIPTION = 500

/** The longest page URL printed for `--start-at`: beyond it the line would flood the terminal. */
const MAX_CURSOR = 4000

/** The exit code and the line for stderr (`undefined`: nothing to print). */
export interface Outcome {
  readonly exitCode: number
  readonly line: string | undefined
}

/**
 * Whether listing again later from the failed page can succeed: not after a refusal that would be
 * repeated (400, 401, 403, 404, 431, …) or a next page on another origin.
 */
const isResumable = (error: BindingsError.ListingError) => {
  switch (error.cause._tag) {
    case "TwilioApiError":
      return error.cause.isRetryable
    case "ForeignUrlError":
      return false
    case "TwilioTransportError":
    case "TwilioDecodeError":
      return true
  }
}

const cap = (text: string, max: number) => text.length <= max ? text : `${text.slice(0, max - 1)}…`

const listingFailure = (error: BindingsError.ListingError) => {
  const line = `listing failed after ${error.emitted} bindings: ${cap(error.cause.message, MAX_DESCRIPTION)}`
  if (!isResumable(error)) return line
  return error.cursor.length <= MAX_CURSOR
    ? `${line}; resume with --start-at ${JSON.stringify(error.cursor)}`
    : `${line}; the page URL to resume from is too long to print (${error.cursor.length} characters)`
}

export const outcome = (error: CommandError): Outcome => {
  switch (error._tag) {
    case "InvalidInput":
    case "ConfigurationError":
      return { exitCode: ExitCode.InvalidInput, line: error.message }
    case "InvalidRequestError":
      // Every other argument of the listing was checked with the same schemas before it started.
      return {
        exitCode: ExitCode.InvalidInput,
        line: error.field === "startAt" ? `invalid --start-at: ${error.rule}` : error.message
      }
    case "ListingError":
      return { exitCode: ExitCode.Failure, line: listingFailure(error) }
    case "BindingRequestError":
      return { exitCode: ExitCode.Failure, line: cap(error.message, MAX_DESCRIPTION) }
    case "BindingNotFound":
    case "ServiceNotFound":
    case "DeletionsFailed":
    case "DeletionsStopped":
    case "NotConfirmed":
    case "ServiceCheckFailed":
      return { exitCode: ExitCode.Failure, line: error.message }
    case "OutputError":
      return error.stream === "stdout" && error.closed
        ? { exitCode: ExitCode.Success, line: undefined }
        : { exitCode: ExitCode.Failure, line: error.message }
  }
}

/** @effect/cli's message of a validation error, as one line of plain text. */
export const validationMessage = (error: ValidationError.ValidationError): string =>
  Doc.render(Doc.unAnnotate(HelpDoc.toAnsiDoc(error.error)), { style: "pretty" }).trim().replace(/\s*\n\s*/g, "; ")

/** `scheme://user:password@`: what a URL must never be printed with. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s"@]*@/gi

/**
 * An error line as printed: prefixed with the command's name, on one line, control characters escaped
 * (a server's message can neither break the line nor drive the terminal), and no URL with the user
 * and password it was typed with.
 */
export const formatLine = (line: string): string => `bindings: ${Text.sanitize(line.replace(USERINFO, "$1"))}\n`
