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
import {
  BindingType,
  ListBindingsParams,
  ListConversationsBindingsParams,
  Product,
  Sid,
  TwilioDateTime
} from "@twilio-bindings/domain"
import { TwilioConfig } from "@twilio-bindings/http"
import {
  Cause,
  Config,
  DateTime,
  Duration,
  Effect,
  Either,
  Exit,
  Logger,
  LogLevel,
  Option,
  ParseResult,
  Schema
} from "effect"
import { type CommandError, InvalidInput, invalidOption } from "./CliError.js"
import * as Deletion from "./Deletion.js"
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from "./Deletion.js"
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
import * as Lookup from "./Lookup.js"
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

/** An instant as typed: a date (`2025-01-01`, midnight UTC) or an RFC 3339 date-time with its zone. */
const DateBound = Schema.String.pipe(
  Schema.transformOrFail(Schema.Number, {
    strict: true,
    decode: (text, _, ast) => {
      const dateTime = TwilioDateTime.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text)
      return dateTime === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, text))
        : ParseResult.succeed(DateTime.toEpochMillis(dateTime))
    },
    encode: (millis) => ParseResult.succeed(new Date(millis).toISOString())
  })
).annotations({ description: "a date (YYYY-MM-DD, UTC) or a date-time with its zone (2025-01-01T12:00:00Z)" })

const Concurrency = Schema.Int.pipe(Schema.between(1, MAX_CONCURRENCY)).annotations({
  description: `a whole number from 1 to ${MAX_CONCURRENCY}`
})

/** The options of every subcommand: where the bindings are, and how to reach them. */
const connectionOptions = {
  service: decoded("service", Sid.ServiceSid, {
    pseudoName: "IS…",
    description:
      "The Service SID: IS followed by 32 hex digits (a Conversations service has its Chat service's SID). Required, except with --demo."
  }).pipe(Options.optional),
  product: decoded("product", Product.Product, {
    pseudoName: Product.values.join("|"),
    description:
      "Chat v2 (chat.twilio.com, the default) or Conversations v1 (conversations.twilio.com): the same bindings, each product's fields.",
    echo: true
  }).pipe(Options.optional),
  baseUrl: Options.text("base-url").pipe(
    Options.withPseudoName("url"),
    Options.withDescription(
      `The product's API origin: https, or http on a loopback host. Default ${
        TwilioConfig.baseUrlOf("chat")
      } (or the conversations host), ${env.chatBaseUrl} / ${env.conversationsBaseUrl}, or the host of ${env.region}/${env.edge}.`
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
  demo: Options.boolean("demo").pipe(
    Options.withDescription(
      "Work on an embedded fake Twilio with generated sample data: no account, no network. Refused with --service and --base-url."
    )
  )
}

/** How bindings are written. */
const outputOptions = {
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
  )
}

const listOptions = Options.all({
  ...connectionOptions,
  ...outputOptions,
  // checked by the product's rule once the product is known (Listing.request)
  bindingType: repeatedDecoded("binding-type", Schema.String, {
    pseudoName: BindingType.conversationsValues.join("|"),
    description:
      "Only bindings of this type: gcm, apn or fcm (and twilsock with --product conversations). Repeat to allow several."
  }),
  identity: repeatedDecoded("identity", ListBindingsParams.Identity, {
    pseudoName: "identity",
    description: "Only bindings of the user with this identity (not empty). Repeat to allow several."
  }),
  pageSize: decoded("page-size", fromWholeNumber(ListBindingsParams.PageSize), {
    pseudoName: `1..${ListBindingsParams.MAX_PAGE_SIZE}`,
    description:
      `Bindings per request, up to ${ListBindingsParams.MAX_PAGE_SIZE} on chat and ${ListConversationsBindingsParams.MAX_PAGE_SIZE} on conversations (default: Twilio's ${ListBindingsParams.DEFAULT_PAGE_SIZE}, or the limit when smaller).`,
    echo: true
  }).pipe(Options.optional),
  limit: decoded("limit", fromWholeNumber(Limit), {
    pseudoName: "n",
    description: "Stop after writing n bindings; no page beyond them is requested.",
    echo: true
  }).pipe(Options.optional),
  startAt: Options.text("start-at").pipe(
    Options.withPseudoName("url"),
    Options.withDescription(
      "Resume a failed listing at the page URL its error printed. The URL carries the filters and page size, so --binding-type, --identity and --page-size are refused with it."
    ),
    Options.optional
  ),
  updatedBefore: decoded("updated-before", DateBound, {
    pseudoName: "date",
    description:
      "Only bindings last updated before this date (YYYY-MM-DD, UTC midnight) or date-time; a binding without date_updated is left out. Filtered here, after Twilio's answer.",
    echo: true
  }).pipe(Options.optional),
  createdBefore: decoded("created-before", DateBound, {
    pseudoName: "date",
    description: "Only bindings created before this date or date-time, as --updated-before.",
    echo: true
  }).pipe(Options.optional)
})

const getOptions = Options.all({
  ...connectionOptions,
  ...outputOptions,
  sid: decoded("sid", Sid.BindingSid, {
    pseudoName: "BS…",
    description:
      "The binding to show: BS followed by 32 hex digits. Exit code 1 when the service has none with this SID."
  }).pipe(Options.optional)
})

const deleteOptions = Options.all({
  ...connectionOptions,
  sid: repeatedDecoded("sid", Sid.BindingSid, {
    pseudoName: "BS…",
    description: "A binding to delete: BS followed by 32 hex digits. Repeat for several."
  }),
  fromFile: Options.text("from-file").pipe(
    Options.withPseudoName("file|-"),
    Options.withDescription(
      "Delete the bindings of a file (- for stdin) of JSON Lines as bindings list --format jsonl writes them; each line's service must be --service."
    ),
    Options.optional
  ),
  concurrency: decoded("concurrency", fromWholeNumber(Concurrency), {
    pseudoName: `1..${MAX_CONCURRENCY}`,
    description: `How many deletions run at once (default ${DEFAULT_CONCURRENCY}).`,
    echo: true
  }).pipe(Options.optional),
  dryRun: Options.boolean("dry-run").pipe(
    Options.withDescription("Print what would be deleted and delete nothing.")
  ),
  yes: Options.boolean("yes").pipe(
    Options.withDescription(
      "Delete without asking. Required when stdin is not a terminal (or is the --from-file input); on a terminal the command asks once."
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

/** Each subcommand's options. */
const subcommands = { list: listOptions, get: getOptions, delete: deleteOptions } as const

type Subcommand = keyof typeof subcommands

const isSubcommand = (name: string): name is Subcommand => Object.hasOwn(subcommands, name)

/** Every option of every subcommand: enough to find the subcommand among the arguments. */
const anyOptionTable = Argv.optionTable(
  Options.getUsage(Options.all([listOptions, getOptions, deleteOptions, globalOptions]))
)

/** The options a subcommand accepts, with the global ones. */
const tables = {
  list: Argv.optionTable(Options.getUsage(Options.all([listOptions, globalOptions]))),
  get: Argv.optionTable(Options.getUsage(Options.all([getOptions, globalOptions]))),
  delete: Argv.optionTable(Options.getUsage(Options.all([deleteOptions, globalOptions])))
}

// Built only when help is printed: a listing never needs it.
const helpDoc = () =>
  HelpDoc.blocks([
    HelpDoc.p(
      `bindings ${VERSION}: list, show and delete the push-notification bindings of a Twilio Chat or Conversations service.`
    ),
    HelpDoc.h1("USAGE"),
    ...[["list", listOptions], ["get", getOptions], ["delete", deleteOptions]].map(([name, options]) =>
      HelpDoc.p(
        `$ bindings ${name as string} ${usageText(Options.getUsage(options as Options.Options<unknown>))} ${
          usageText(Options.getUsage(logLevel))
        }`
      )
    ),
    HelpDoc.p("$ bindings --help | --version"),
    HelpDoc.h1("DESCRIPTION"),
    HelpDoc.p(
      "bindings list lists a service's push bindings (GET /v2/Services/{ServiceSid}/Bindings, or /v1/… with --product conversations) as JSON Lines, CSV or a table. " +
        "bindings get shows one binding. bindings delete deletes bindings given by --sid or in the JSON Lines of list, " +
        "each reported on a line as deleted, already gone or failed: bindings list --service IS… --updated-before 2025-01-01 | bindings delete --service IS… --from-file - --yes prunes stale bindings, and running it again is safe. " +
        `Credentials come from ${env.accountSid} with ${env.authToken}, or ${env.apiKey} and ${env.apiSecret}. ` +
        "Exit codes: 0 done, 1 API or network failure after retries (get: no such binding; delete: one failed), 2 invalid input, 130 SIGINT, 143 SIGTERM."
    ),
    HelpDoc.h1("OPTIONS OF list"),
    optionsHelp(listOptions),
    HelpDoc.h1("OPTIONS OF get"),
    optionsHelp(getOptions),
    HelpDoc.h1("OPTIONS OF delete"),
    optionsHelp(deleteOptions),
    HelpDoc.h1("GLOBAL OPTIONS (before or after the subcommand)"),
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
 * What the command line asks for: a subcommand with its options, decoded.
 *
 * @since 0.1.0
 * @category Models
 */
export type Invocation =
  | { readonly _tag: "list"; readonly options: Listing.ListOptions }
  | { readonly _tag: "get"; readonly options: Lookup.GetOptions }
  | { readonly _tag: "delete"; readonly options: Deletion.DeleteOptions }

/**
 * The command line, split and decoded.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CommandLine {
  /** The subcommand and its options; none with only `--help` or `--version`. */
  readonly invocation: Option.Option<Invocation>
  readonly logLevel: Option.Option<LogLevel.LogLevel>
  readonly help: boolean
  readonly version: boolean
}

const noCommand = new InvalidInput({
  description: "a command is required: bindings list|get|delete …; see bindings --help"
})

/**
 * Parses the arguments (without the runtime and script): every option's value is decoded with its
 * schema; an unknown subcommand or option (one of another subcommand included), a missing value, a
 * single option given twice or a bad value fails with one `InvalidInput` naming it.
 *
 * @since 0.1.0
 * @category Parsing
 */
export const parse = (
  args: ReadonlyArray<string>
): Effect.Effect<CommandLine, InvalidInput, OptionsContext> =>
  Effect.gen(function*() {
    const splitWith = (table: Argv.OptionTable, command: string) =>
      Either.mapLeft(Argv.split(args, table, command), ({ option, rule }) => invalidOption(cut(option), rule))
    const [name, ...rest] = (yield* splitWith(anyOptionTable, "bindings")).positionals
    if (name !== undefined && !isSubcommand(name)) {
      return yield* new InvalidInput({ description: `unknown command ${shown(name)}; see bindings --help` })
    }
    if (rest.length > 0) {
      return yield* new InvalidInput({ description: `unexpected argument ${shown(rest[0]!)}; see bindings --help` })
    }
    const split = yield* splitWith(name === undefined ? tables.list : tables[name], `bindings ${name ?? ""}`.trim())
    const decode = <A>(options: Options.Options<A>) =>
      Options.parse(Options.all({ command: options, global: globalOptions }), split.values, CliConfig.defaultConfig)
        .pipe(Effect.mapError((error) => new InvalidInput({ description: Report.validationMessage(error) })))
    const global = name === undefined
      ? yield* decode(Options.none).pipe(
        Effect.map(({ global }) => ({ global, invocation: Option.none<Invocation>() }))
      )
      : yield* parseSubcommand(name, decode)
    return {
      invocation: global.invocation,
      logLevel: Option.map(global.global.logLevel, (level) => logLevels[level]!),
      help: global.global.help,
      version: global.global.version
    }
  })

type GlobalValues = typeof globalOptions extends Options.Options<infer A> ? A : never

const parseSubcommand = (
  name: Subcommand,
  decode: <A>(
    options: Options.Options<A>
  ) => Effect.Effect<{ readonly command: A; readonly global: GlobalValues }, InvalidInput, OptionsContext>
): Effect.Effect<
  { readonly global: GlobalValues; readonly invocation: Option.Option<Invocation> },
  InvalidInput,
  OptionsContext
> => {
  switch (name) {
    case "list":
      return Effect.map(decode(listOptions), ({ command, global }) => ({
        global,
        invocation: Option.some<Invocation>({ _tag: "list", options: command })
      }))
    case "get":
      return Effect.map(decode(getOptions), ({ command, global }) => ({
        global,
        invocation: Option.some<Invocation>({ _tag: "get", options: command })
      }))
    case "delete":
      return Effect.map(decode(deleteOptions), ({ command, global }) => ({
        global,
        invocation: Option.some<Invocation>({ _tag: "delete", options: command })
      }))
  }
}

const execute = (
  args: ReadonlyArray<string>
): Effect.Effect<void, CommandError, Stdio | HttpClient.HttpClient | OptionsContext> =>
  Effect.gen(function*() {
    const line = yield* parse(args)
    const stdio = yield* Stdio
    if (line.help) {
      const noColor = yield* Config.string("NO_COLOR").pipe(Config.withDefault(""), Effect.orElseSucceed(() => ""))
      return yield* stdio.stdout.write(help(stdio.stdout.isTTY && noColor === ""))
    }
    if (line.version) return yield* stdio.stdout.write(`${VERSION}\n`)
    if (Option.isNone(line.invocation)) return yield* noCommand
    const invocation = line.invocation.value
    const program: Effect.Effect<void, CommandError, Stdio | HttpClient.HttpClient | OptionsContext> =
      invocation._tag === "list"
        ? Listing.run(invocation.options)
        : invocation._tag === "get"
        ? Lookup.run(invocation.options)
        : Deletion.run(invocation.options)
    return yield* Option.isSome(line.logLevel) ? Logger.withMinimumLogLevel(program, line.logLevel.value) : program
  })

/**
 * Runs the command line (`process.argv`: runtime and script first) and returns the exit code: every
 * failure is reported as one line on stderr (no stack trace, no secret), except a closed stdout
 * (`| head`), which ends a listing or a lookup quietly with 0 (a deletion it stops fails with 1:
 * `DeletionsStopped`).
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
