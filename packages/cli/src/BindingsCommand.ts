/**
 * The `bindings` command and its `list` subcommand, built with @effect/cli, and `run`: parse the
 * arguments, run the listing, and turn every outcome into an exit code and at most one line on stderr.
 *
 * @since 0.1.0
 */
import type { CliApp, ValidationError } from "@effect/cli"
import { Command, Options } from "@effect/cli"
import type { HttpClient } from "@effect/platform"
import type { Teardown } from "@effect/platform/Runtime"
import { ListBindingsParams } from "@twilio-bindings/domain"
import { TwilioConfig } from "@twilio-bindings/http"
import { Cause, Duration, Effect, Exit, Logger } from "effect"
import { ExitCode, formatLine, type ListError, outcome } from "./CliError.js"
import * as Listing from "./Listing.js"
import * as Output from "./Output.js"
import { Stdio } from "./Stdio.js"

/**
 * The version `--version` prints.
 *
 * @since 0.1.0
 * @category Constants
 */
export const VERSION = "0.1.0"

const env = TwilioConfig.environmentVariables

const options = {
  service: Options.text("service").pipe(
    Options.withPseudoName("IS…"),
    Options.withDescription(
      "The Chat Service SID: IS followed by 32 hex digits. Required, except with --demo (which lists its sample service)."
    ),
    Options.optional
  ),
  bindingType: Options.text("binding-type").pipe(
    Options.withPseudoName("gcm|apn|fcm"),
    Options.withDescription("Only bindings of this push technology: gcm, apn or fcm. Repeat to allow several."),
    Options.repeated
  ),
  identity: Options.text("identity").pipe(
    Options.withPseudoName("identity"),
    Options.withDescription("Only bindings of the user with this identity. Repeat to allow several."),
    Options.repeated
  ),
  pageSize: Options.text("page-size").pipe(
    Options.withPseudoName(`1..${ListBindingsParams.MAX_PAGE_SIZE}`),
    Options.withDescription(
      `Bindings per request, a whole number from 1 to ${ListBindingsParams.MAX_PAGE_SIZE} (default: Twilio's ${ListBindingsParams.DEFAULT_PAGE_SIZE}, or the limit when smaller).`
    ),
    Options.optional
  ),
  limit: Options.text("limit").pipe(
    Options.withPseudoName("n"),
    Options.withDescription("Stop after n bindings (a whole number >= 0); no page beyond them is requested."),
    Options.optional
  ),
  format: Options.choice("format", Output.formats).pipe(
    Options.withDescription(
      "jsonl: one binding per line in Twilio's JSON; csv: RFC 4180 with a header; table: aligned columns cut to the terminal width. Default: table on a terminal, jsonl otherwise."
    ),
    Options.optional
  ),
  csvRaw: Options.boolean("csv-raw").pipe(
    Options.withDescription(
      "With --format csv: write exact values. By default a field starting with =, +, -, @, a tab or a CR gets a leading ' so that a spreadsheet shows it instead of running it as a formula."
    )
  ),
  baseUrl: Options.text("base-url").pipe(
    Options.withPseudoName("url"),
    Options.withDescription(
      `The API origin: https, or http on a loopback host. Default ${TwilioConfig.GLOBAL_BASE_URL}, or ${env.baseUrl}, or the host of ${env.region}/${env.edge}.`
    ),
    Options.optional
  ),
  requestTimeout: Options.text("request-timeout").pipe(
    Options.withPseudoName("seconds"),
    Options.withDescription(
      `How long one attempt may take, in seconds (default ${
        Duration.toSeconds(TwilioConfig.defaults.timeout)
      }, or ${env.timeout}); a timed-out attempt is retried.`
    ),
    Options.optional
  ),
  maxRetries: Options.text("max-retries").pipe(
    Options.withPseudoName("n"),
    Options.withDescription(
      `Retries after the first attempt of a request on 408, 429, 5xx, connection failures and timeouts (default ${TwilioConfig.defaults.maxRetries}, or ${env.maxRetries}).`
    ),
    Options.optional
  ),
  startAt: Options.text("start-at").pipe(
    Options.withPseudoName("url"),
    Options.withDescription(
      "Resume a failed listing: the page URL its error printed. Filters and page size come from the URL."
    ),
    Options.optional
  ),
  demo: Options.boolean("demo").pipe(
    Options.withDescription(
      "List from an embedded fake Twilio with generated sample data: no account, no network. --service is optional."
    )
  )
}

/**
 * `bindings list`: list or export a Chat Service's push bindings. Credentials and region come from
 * the environment (`TWILIO_ACCOUNT_SID` with `TWILIO_AUTH_TOKEN`, or `TWILIO_API_KEY` +
 * `TWILIO_API_SECRET`; `TWILIO_REGION`, `TWILIO_EDGE`, …).
 *
 * @since 0.1.0
 * @category Commands
 */
export const list = Command.make("list", options, Listing.run).pipe(
  Command.withDescription(
    "List a Chat Service's push bindings (GET /v2/Services/{ServiceSid}/Bindings) as JSON Lines, CSV or a table. " +
      `Credentials come from ${env.accountSid} with ${env.authToken}, or ${env.apiKey} and ${env.apiSecret}. ` +
      "Exit codes: 0 done, 1 API or network failure after retries, 2 invalid input."
  )
)

/**
 * `bindings`: the root command.
 *
 * @since 0.1.0
 * @category Commands
 */
export const command = Command.make("bindings").pipe(
  Command.withDescription("Export the push-notification bindings of a Twilio Programmable Chat service."),
  Command.withSubcommands([list])
)

/**
 * The parser and handler of the whole command line (`process.argv`: runtime and script first).
 *
 * @since 0.1.0
 * @category Commands
 */
export const cli: (
  argv: ReadonlyArray<string>
) => Effect.Effect<
  void,
  ListError | ValidationError.ValidationError,
  Stdio | HttpClient.HttpClient | CliApp.CliApp.Environment
> = Command.run(command, { name: "bindings", version: VERSION })

/**
 * Runs the command line and returns the exit code: every failure is reported as one line on stderr
 * (no stack trace, no secret) — except a closed stdout (`| head`), which ends the run quietly with 0.
 *
 * @since 0.1.0
 * @category Programs
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<number, never, Stdio | HttpClient.HttpClient | CliApp.CliApp.Environment> =>
  Effect.gen(function*() {
    const stdio = yield* Stdio
    const report = (exitCode: number, line: string | undefined) =>
      line === undefined
        ? Effect.succeed(exitCode)
        : Effect.as(Effect.ignore(stdio.stderr.write(formatLine(line))), exitCode)
    return yield* cli(argv).pipe(
      // Logs (`--log-level debug` shows each retry) go to stderr: stdout carries only the listing.
      Effect.provide(Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true }))),
      Effect.as(ExitCode.Success),
      Effect.catchAll((error) => {
        const { exitCode, line } = outcome(error)
        return report(exitCode, line)
      }),
      Effect.catchAllCause((cause) => {
        if (Cause.isInterruptedOnly(cause)) return Effect.failCause(cause)
        const defect = Cause.squash(cause)
        return report(ExitCode.Failure, `internal error: ${defect instanceof Error ? defect.message : String(defect)}`)
      })
    )
  })

/**
 * The teardown for `NodeRuntime.runMain`: exits with the code `run` returned (130 when interrupted).
 *
 * @since 0.1.0
 * @category Runtime
 */
export const teardown: Teardown = (exit, onExit) => {
  if (Exit.isSuccess(exit)) {
    onExit(typeof exit.value === "number" ? exit.value : ExitCode.Success)
  } else {
    onExit(Cause.isInterruptedOnly(exit.cause) ? ExitCode.Interrupted : ExitCode.Failure)
  }
}
