/**
 * The `bindings` command line: its options (each decoded with the domain's schema, so that a bad
 * value is refused with the option's name and the rule), `--help`, `--version`, `--log-level`, and
 * `run`, which turns every outcome into an exit code and at most one line on stderr.
 *
 * @since 0.1.0
 */
import { CliConfig, HelpDoc, Options } from "@effect/cli"
import type { HttpClient } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as AnsiDoc from "@effect/printer-ansi/AnsiDoc"
import * as Doc from "@effect/printer/Doc"
import { BindingType, ListBindingsParams, Sid } from "@twilio-bindings/domain"
import { TwilioConfig } from "@twilio-bindings/http"
import { Cause, Config, Duration, Effect, Either, Exit, Logger, LogLevel, Option, Schema } from "effect"
import { InvalidInput, invalidOption, type ListError } from "./CliError.js"
import * as Format from "./Format.js"
import * as Argv from "./internal/argv.js"
import {
  cut,
  decoded,
  fromWholeNumber,
  type OptionsContext,
  optionsHelp,
  repeatedDecoded,
  shown,
  usageText
} from "./internal/options.js"
import * as Report from "./internal/report.js"
import * as Listing from "./Listing.js"
import { Stdio } from "./Stdio.js"

/**
 * The version `--version` prints.
 *
 * @since 0.1.0
 * @category Constants
 */
export const VERSION = "0.1.0"

/**
 * The exit codes: 0 success (a reader closing the pipe included), 1 an API or transport failure,
 * 2 invalid input (options, configuration, credentials; nothing was sent), 130 SIGINT, 143 SIGTERM.
 *
 * @since 0.1.0
 * @category Constants
 */
export const ExitCode = Report.ExitCode

const Limit = Schema.Int.pipe(Schema.between(0, Number.MAX_SAFE_INTEGER)).annotations({
  description: "a whole number >= 0"
})

const MaxRetries = Schema.Int.pipe(Schema.between(0, TwilioConfig.MAX_RETRIES)).annotations({
  description: `a whole number from 0 to ${TwilioConfig.MAX_RETRIES}`
})

/** Seconds as typed (`30`, `2.5`): positive and finite. */
const Seconds = Schema.String.pipe(Schema.pattern(/^\d*\.?\d+$/)).pipe(
  Schema.compose(Schema.NumberFromString),
  Schema.filter((seconds) => seconds > 0 && Number.isFinite(seconds)),
  Schema.transform(Schema.DurationFromSelf, {
    strict: true,
    decode: (seconds) => Duration.seconds(seconds),
    encode: (duration) => Duration.toSeconds(duration)
  })
).annotations({ description: "a positive number of seconds" })

const logLevels: Record<string, LogLevel.LogLevel> = Object.fromEntries(
  LogLevel.allLevels.map((level) => [level._tag.toLowerCase(), level])
)

const LogLevelName = Schema.String.pipe(
  Schema.filter((name) => Object.hasOwn(logLevels, name)),
  Schema.annotations({ description: `one of ${Object.keys(logLevels).join(", ")}` })
)

const env = TwilioConfig.environmentVariables

const listOptions = Options.all({
  service: decoded("service", Sid.ServiceSid, {
    pseudoName: "IS…",
    description: "The Chat Service SID: IS followed by 32 hex digits. Required, except with --demo."
  }).pipe(Options.optional),
  bindingType: repeatedDecoded("binding-type", BindingType.BindingType, {
    pseudoName: "gcm|apn|fcm",
    description: "Only bindings of this push technology: gcm, apn or fcm. Repeat to allow several."
  }),
  identity: repeatedDecoded("identity", ListBindingsParams.Identity, {
    pseudoName: "identity",
    description: "Only bindings of the user with this identity (not empty). Repeat to allow several."
  }),
  pageSize: decoded("page-size", fromWholeNumber(ListBindingsParams.PageSize), {
    pseudoName: `1..${ListBindingsParams.MAX_PAGE_SIZE}`,
    description:
      `Bindings per request (default: Twilio's ${ListBindingsParams.DEFAULT_PAGE_SIZE}, or the limit when smaller).`,
    echo: true
  }).pipe(Options.optional),
  limit: decoded("limit", fromWholeNumber(Limit), {
    pseudoName: "n",
    description: "Stop after n bindings; no page beyond them is requested.",
    echo: true
  }).pipe(Options.optional),
  format: decoded("format", Format.Format, {
    pseudoName: Format.formats.join("|"),
    description:
      "jsonl: one binding per line in Twilio's JSON; csv: RFC 4180 with a header; table: aligned columns cut to the terminal width. Default: table on a terminal, jsonl otherwise.",
    echo: true
  }).pipe(Options.optional),
  csvRaw: Options.boolean("csv-raw").pipe(
    Options.withDescription(
      "With --format csv: write exact values. By default a field starting with =, +, -, @, a tab or a CR gets a leading ' so that a spreadsheet shows it instead of running it as a formula."
    )
  ),
  baseUrl: Options.text("base-url").pipe(
    Options.withPseudoName("url"),
    Options.withDescription(
      `The API origin: https, or http on a loopback host. Default ${
        TwilioConfig.baseUrlOf("chat")
      }, or ${env.chatBaseUrl}, or the host of ${env.region}/${env.edge}.`
    ),
    Options.optional
  ),
  requestTimeout: decoded("request-timeout", Seconds, {
    pseudoName: "seconds",
    description: `How long one attempt may take (default ${
      Duration.toSeconds(TwilioConfig.defaults.timeout)
    }, or ${env.timeout}); a timed-out attempt is retried.`,
    echo: true
  }).pipe(Options.optional),
  maxRetries: decoded("max-retries", fromWholeNumber(MaxRetries), {
    pseudoName: "n",
    description:
      `Retries of a request on 408, 429, 5xx, connection failures and timeouts (default ${TwilioConfig.defaults.maxRetries}, or ${env.maxRetries}).`,
    echo: true
  }).pipe(Options.optional),
  startAt: Options.text("start-at").pipe(
    Options.withPseudoName("url"),
    Options.withDescription(
      "Resume a failed listing at the page URL its error printed. The URL carries the filters and page size, so --binding-type, --identity and --page-size are refused with it."
    ),
    Options.optional
  ),
  demo: Options.boolean("demo").pipe(
    Options.withDescription(
      "List from an embedded fake Twilio with generated sample data: no account, no network. Refused with --service, --base-url and --start-at."
    )
  )
})

const logLevel = decoded("log-level", LogLevelName, {
  pseudoName: "level",
  description: `The least severe log messages shown on stderr: one of ${
    Object.keys(logLevels).join(", ")
  } (debug shows each retry). Default info.`,
  echo: true
}).pipe(Options.optional)

const globalOptions = Options.all({
  logLevel,
  help: Options.boolean("help").pipe(Options.withAlias("h"), Options.withDescription("Show this help.")),
  version: Options.boolean("version").pipe(Options.withDescription("Show the version."))
})

const allOptions = Options.all({ list: listOptions, global: globalOptions })

const optionTable = Argv.optionTable(Options.getUsage(allOptions))

// Built only when help is printed: a listing never needs it.
const helpDoc = () =>
  HelpDoc.blocks([
    HelpDoc.p(`bindings ${VERSION}: list or export the push-notification bindings of a Twilio Chat service.`),
    HelpDoc.h1("USAGE"),
    HelpDoc.p(`$ bindings list ${usageText(Options.getUsage(listOptions))} ${usageText(Options.getUsage(logLevel))}`),
    HelpDoc.p("$ bindings --help | --version"),
    HelpDoc.h1("DESCRIPTION"),
    HelpDoc.p(
      "bindings list lists a Chat Service's push bindings (GET /v2/Services/{ServiceSid}/Bindings) as JSON Lines, CSV or a table. " +
        `Credentials come from ${env.accountSid} with ${env.authToken}, or ${env.apiKey} and ${env.apiSecret}. ` +
        "Exit codes: 0 done, 1 API or network failure after retries, 2 invalid input, 130 SIGINT, 143 SIGTERM."
    ),
    HelpDoc.h1("OPTIONS OF list"),
    optionsHelp(listOptions),
    HelpDoc.h1("GLOBAL OPTIONS (before or after list)"),
    optionsHelp(globalOptions)
  ])

/**
 * The help text: with colours only on a terminal, and never when `NO_COLOR` is set.
 *
 * @since 0.1.0
 * @category Help
 */
export const help = (colours: boolean): string => {
  const doc = HelpDoc.toAnsiDoc(helpDoc())
  return colours ? AnsiDoc.render(doc, { style: "pretty" }) : Doc.render(Doc.unAnnotate(doc), { style: "pretty" })
}

/**
 * The command line, split and decoded.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CommandLine {
  readonly command: ReadonlyArray<string>
  readonly list: Listing.ListOptions
  readonly logLevel: Option.Option<LogLevel.LogLevel>
  readonly help: boolean
  readonly version: boolean
}

/**
 * Parses the arguments (without the runtime and script): every option's value is decoded with its
 * schema; an unknown option, a missing value, a single option given twice or a bad value fails with
 * one `InvalidInput` naming the option.
 *
 * @since 0.1.0
 * @category Parsing
 */
export const parse = (
  args: ReadonlyArray<string>
): Effect.Effect<CommandLine, InvalidInput, OptionsContext> =>
  Effect.gen(function*() {
    const split = yield* Either.mapLeft(
      Argv.split(args, optionTable),
      ({ option, rule }) => invalidOption(cut(option), rule)
    )
    const values = yield* Options.parse(allOptions, split.values, CliConfig.defaultConfig).pipe(
      Effect.mapError((error) => new InvalidInput({ description: Report.validationMessage(error) }))
    )
    return {
      command: split.positionals,
      list: values.list,
      logLevel: Option.map(values.global.logLevel, (name) => logLevels[name]!),
      help: values.global.help,
      version: values.global.version
    }
  })

const noCommand = new InvalidInput({ description: "a command is required: bindings list …; see bindings --help" })

const execute = (
  args: ReadonlyArray<string>
): Effect.Effect<void, ListError, Stdio | HttpClient.HttpClient | OptionsContext> =>
  Effect.gen(function*() {
    const line = yield* parse(args)
    const stdio = yield* Stdio
    if (line.help) {
      const noColor = yield* Config.string("NO_COLOR").pipe(Config.withDefault(""), Effect.orElseSucceed(() => ""))
      return yield* stdio.stdout.write(help(stdio.stdout.isTTY && noColor === ""))
    }
    if (line.version) return yield* stdio.stdout.write(`${VERSION}\n`)
    const [command, ...rest] = line.command
    if (command === undefined) return yield* noCommand
    if (command !== "list") {
      return yield* new InvalidInput({ description: `unknown command ${shown(command)}; see bindings --help` })
    }
    if (rest.length > 0) {
      return yield* new InvalidInput({ description: `unexpected argument ${shown(rest[0]!)}; see bindings --help` })
    }
    const listing = Listing.run(line.list)
    return yield* Option.isSome(line.logLevel) ? Logger.withMinimumLogLevel(listing, line.logLevel.value) : listing
  })

/**
 * Runs the command line (`process.argv`: runtime and script first) and returns the exit code: every
 * failure is reported as one line on stderr (no stack trace, no secret), except a closed stdout
 * (`| head`), which ends the run quietly with 0.
 *
 * @since 0.1.0
 * @category Programs
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<number, never, Stdio | HttpClient.HttpClient | OptionsContext> =>
  Effect.gen(function*() {
    const stdio = yield* Stdio
    const report = ({ exitCode, line }: Report.Outcome) =>
      line === undefined
        ? Effect.succeed(exitCode)
        : Effect.as(Effect.ignore(stdio.stderr.write(Report.formatLine(line))), exitCode)
    return yield* execute(argv.slice(2)).pipe(
      Effect.as(ExitCode.Success),
      Effect.catchAll((error) => report(Report.outcome(error))),
      Effect.catchAllCause((cause) => {
        if (Cause.isInterruptedOnly(cause)) return Effect.failCause(cause)
        const defect = Cause.squash(cause)
        return report({
          exitCode: ExitCode.Failure,
          line: `internal error: ${defect instanceof Error ? defect.message : String(defect)}`
        })
      }),
      // Logs (`--log-level debug` shows each retry) go to stderr: stdout carries only the listing.
      Effect.provide(Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true }))),
      // Every failure is reported above, once: no fiber's end is logged as an unhandled error.
      Effect.withUnhandledErrorLogLevel(Option.none())
    )
  })

/**
 * Runs `program` (`run` with its layers provided) as the process: exits with the code it returned,
 * or, when a signal interrupted it, 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
 *
 * @since 0.1.0
 * @category Runtime
 */
export const runMain = (program: Effect.Effect<number>): void => {
  let signal: "SIGINT" | "SIGTERM" | undefined
  const onSignal = (received: "SIGINT" | "SIGTERM") => () => {
    signal ??= received
  }
  // Registered before the runtime's own listeners, so the signal is known when the run is interrupted.
  process.once("SIGINT", onSignal("SIGINT"))
  process.once("SIGTERM", onSignal("SIGTERM"))
  NodeRuntime.runMain(program, {
    disablePrettyLogger: true,
    teardown: (exit, onExit) =>
      onExit(
        Exit.isSuccess(exit)
          ? typeof exit.value === "number" ? exit.value : ExitCode.Success
          : !Cause.isInterruptedOnly(exit.cause)
          ? ExitCode.Failure
          : signal === "SIGTERM"
          ? ExitCode.Terminated
          : ExitCode.Interrupted
      )
  })
}
