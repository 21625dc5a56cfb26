/**
 * The program behind `bindings list`: validate the options, resolve the configuration (the
 * environment through `TwilioConfig`, overridden by options; or the embedded fake with `--demo`),
 * then stream the listing to stdout a page per write, with progress on a terminal's stderr.
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import { BindingType, ListBindingsParams, Sid } from "@twilio-bindings/domain"
import { TwilioConfig, TwilioHttpClient } from "@twilio-bindings/http"
import { Bindings } from "@twilio-bindings/stream"
import type { ConfigError } from "effect"
import { Chunk, ConfigProvider, Effect, Either, Option, ParseResult, Redacted, Schema, Stream } from "effect"
import { ConfigurationError, InvalidInput, type ListError } from "./CliError.js"
import * as Progress from "./internal/progress.js"
import * as Output from "./Output.js"
import { Stdio } from "./Stdio.js"

/**
 * The options of `bindings list`, as parsed by @effect/cli (numbers still text: they are validated
 * here, so that a message names the option and its rule).
 *
 * @since 0.1.0
 * @category Models
 */
export interface ListInput {
  readonly service: Option.Option<string>
  readonly bindingType: ReadonlyArray<string>
  readonly identity: ReadonlyArray<string>
  readonly pageSize: Option.Option<string>
  readonly limit: Option.Option<string>
  readonly format: Option.Option<Output.Format>
  readonly baseUrl: Option.Option<string>
  readonly requestTimeout: Option.Option<string>
  readonly maxRetries: Option.Option<string>
  readonly startAt: Option.Option<string>
  readonly demo: boolean
  /** CSV with exact values: no `'` before fields a spreadsheet would run as formulas. */
  readonly csvRaw?: boolean
}

/**
 * The embedded fake's sample data for `--demo`: a fixed seed, a few hundred bindings, and a little
 * latency per page so that the listing looks like one over a network.
 *
 * @since 0.1.0
 * @category Constants
 */
export const demo = { seed: 6, count: 300, latencyMillis: 20 } as const

/**
 * A validated `list` invocation.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Plan {
  /** None only with `--demo`: the demo service is used. */
  readonly serviceSid: Option.Option<Sid.ServiceSid>
  readonly params: ListBindingsParams.ListBindingsParams
  readonly limit: Option.Option<number>
  readonly startAt: Option.Option<string>
  /** Settings given as options, by the environment variable they override. */
  readonly overrides: ReadonlyMap<string, { readonly option: string; readonly value: string }>
  readonly demo: boolean
}

const WHOLE_NUMBER = /^[+-]?\d+$/
const DECIMAL = /^\d*\.?\d+$/

const shown = (text: string) => WHOLE_NUMBER.test(text) ? String(Number(text)) : JSON.stringify(text)

const wholeNumber = (option: string, text: string, min: number, max: number, rule: string) => {
  const value = WHOLE_NUMBER.test(text) ? Number(text) : Number.NaN
  return Number.isSafeInteger(value) && value >= min && value <= max
    ? Either.right(value)
    : Either.left(new InvalidInput({ option, rule: `${rule}, got ${shown(text)}` }))
}

const firstMessage = (error: ParseResult.ParseError) =>
  ParseResult.ArrayFormatter.formatErrorSync(error)[0]?.message ?? error.message

const decodeServiceSid = Schema.decodeUnknownEither(Sid.ServiceSid)
const decodeBindingType = Schema.decodeUnknownEither(BindingType.BindingType)
const decodeParams = Schema.decodeUnknownEither(ListBindingsParams.ListBindingsParams)
const isPageSize = Schema.is(ListBindingsParams.PageSize)

/**
 * Validates the options with the domain's rules. Nothing is read from the environment and nothing
 * is sent: a bad value fails with `InvalidInput` naming the option and the rule.
 *
 * @since 0.1.0
 * @category Validation
 */
export const validate = (input: ListInput): Either.Either<Plan, InvalidInput> =>
  Either.gen(function*() {
    const serviceSid = yield* Option.match(input.service, {
      onNone: () =>
        input.demo
          ? Either.right(Option.none())
          : Either.left(
            new InvalidInput({
              option: "--service",
              rule: "is required: the Chat Service SID (IS followed by 32 hex digits), or use --demo"
            })
          ),
      onSome: (text) =>
        Either.map(
          Either.mapLeft(
            decodeServiceSid(text),
            (error) => new InvalidInput({ option: "--service", rule: firstMessage(error) })
          ),
          Option.some
        )
    })
    const bindingType: Array<BindingType.BindingType> = []
    for (const text of input.bindingType) {
      bindingType.push(
        yield* Either.mapLeft(
          decodeBindingType(text),
          (error) => new InvalidInput({ option: "--binding-type", rule: firstMessage(error) })
        )
      )
    }
    const pageSizeRule = `must be a whole number from 1 to ${ListBindingsParams.MAX_PAGE_SIZE}`
    const pageSize = yield* Option.match(input.pageSize, {
      onNone: () => Either.right(undefined),
      onSome: (text) =>
        Either.flatMap(
          wholeNumber("--page-size", text, 1, ListBindingsParams.MAX_PAGE_SIZE, pageSizeRule),
          (n) =>
            isPageSize(n)
              ? Either.right(n)
              : Either.left(new InvalidInput({ option: "--page-size", rule: `${pageSizeRule}, got ${n}` }))
        )
    })
    const limit = yield* optionalWhole(
      input.limit,
      "--limit",
      0,
      Number.MAX_SAFE_INTEGER,
      "must be a whole number >= 0"
    )
    const maxRetries = yield* optionalWhole(
      input.maxRetries,
      "--max-retries",
      0,
      1000,
      "must be a whole number from 0 to 1000"
    )
    const timeout = yield* Option.match(input.requestTimeout, {
      onNone: () => Either.right(Option.none<string>()),
      onSome: (text) =>
        DECIMAL.test(text) && Number(text) > 0 && Number.isFinite(Number(text))
          ? Either.right(Option.some(`${Number(text)} seconds`))
          : Either.left(
            new InvalidInput({
              option: "--request-timeout",
              rule: `must be a positive number of seconds, got ${shown(text)}`
            })
          )
    })
    if (input.demo && Option.isSome(input.baseUrl)) {
      return yield* Either.left(
        new InvalidInput({
          option: "--base-url",
          rule: "cannot be used with --demo (the demo runs on its embedded fake)"
        })
      )
    }
    const params = yield* Either.mapLeft(
      decodeParams({
        ...(bindingType.length > 0 ? { bindingType } : {}),
        ...(input.identity.length > 0 ? { identity: input.identity } : {}),
        ...(pageSize === undefined ? {} : { pageSize })
      }),
      (error) => new InvalidInput({ option: "--page-size", rule: firstMessage(error) })
    )
    const overrides = new Map<string, { readonly option: string; readonly value: string }>()
    const env = TwilioConfig.environmentVariables
    if (Option.isSome(input.baseUrl)) overrides.set(env.baseUrl, { option: "--base-url", value: input.baseUrl.value })
    if (Option.isSome(timeout)) overrides.set(env.timeout, { option: "--request-timeout", value: timeout.value })
    if (Option.isSome(maxRetries)) {
      overrides.set(env.maxRetries, { option: "--max-retries", value: String(maxRetries.value) })
    }
    return { serviceSid, params, limit, startAt: input.startAt, overrides, demo: input.demo }
  })

const optionalWhole = (text: Option.Option<string>, option: string, min: number, max: number, rule: string) =>
  Option.match(text, {
    onNone: () => Either.right(Option.none<number>()),
    onSome: (value) => Either.map(wholeNumber(option, value, min, max, rule), Option.some)
  })

interface ConfigLeaf {
  readonly missing: boolean
  readonly path: ReadonlyArray<string>
  readonly message: string
}

const firstLeaf = (error: ConfigError.ConfigError): ConfigLeaf => {
  switch (error._op) {
    case "And":
    case "Or":
      return firstLeaf(error.left)
    case "MissingData":
      return { missing: true, path: error.path, message: error.message }
    default:
      return { missing: false, path: error.path, message: error.message }
  }
}

const CREDENTIAL_HINT =
  "set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET), or try --demo"

/**
 * Turns a `ConfigError` of `TwilioConfig.config` into a one-line message that names the variable,
 * or the option when the setting came from one, and the rule. Config errors never hold a secret.
 *
 * @since 0.1.0
 * @category Errors
 */
export const configurationError = (
  error: ConfigError.ConfigError,
  overrides: Plan["overrides"] = new Map()
): ConfigurationError => {
  const leaf = firstLeaf(error)
  const variable = leaf.path.join(".")
  const override = overrides.get(variable)
  if (override !== undefined) {
    const rule = leaf.message.startsWith(variable) ? leaf.message.slice(variable.length).trim() : leaf.message
    return new ConfigurationError({ description: `invalid ${override.option}: ${rule}` })
  }
  if (leaf.missing) {
    const what = leaf.message.startsWith("Expected ") ? `${variable} is not set` : leaf.message
    return new ConfigurationError({ description: `missing credentials: ${what}; ${CREDENTIAL_HINT}` })
  }
  const message = leaf.message.includes(variable) ? leaf.message : `${variable}: ${leaf.message}`
  return new ConfigurationError({ description: `invalid configuration: ${message}` })
}

const overrideProvider = (overrides: Plan["overrides"], extra: ReadonlyArray<[string, string]> = []) =>
  ConfigProvider.fromMap(new Map([...[...overrides].map(([name, { value }]) => [name, value] as const), ...extra]))

/** Where the listing comes from: an HTTP client, the configuration source and the service. */
interface Source {
  readonly client: HttpClient.HttpClient
  readonly provider: ConfigProvider.ConfigProvider
  readonly serviceSid: Sid.ServiceSid
}

const demoSource = (plan: Plan) =>
  Effect.gen(function*() {
    // Loaded only for --demo: a real listing never loads the fake.
    const { FakeTwilio } = yield* Effect.promise(() => import("@twilio-bindings/testing"))
    const { client, fake } = yield* FakeTwilio.make({
      services: [{ seed: demo.seed, count: demo.count }],
      latency: `${demo.latencyMillis} millis`
    })
    const env = TwilioConfig.environmentVariables
    const provider = overrideProvider(plan.overrides, [
      [env.accountSid, fake.accountSid],
      [env.authToken, Redacted.value(fake.authToken)],
      [env.baseUrl, fake.origin]
    ])
    const stdio = yield* Stdio
    if (stdio.stderr.isTTY) {
      yield* Effect.ignore(
        stdio.stderr.write(
          `demo: listing service ${fake.serviceSid} of an embedded fake Twilio (${demo.count} generated bindings, no account needed)\n`
        )
      )
    }
    return { client, provider, serviceSid: Option.getOrElse(plan.serviceSid, () => fake.serviceSid) }
  })

const liveSource = (plan: Plan, serviceSid: Sid.ServiceSid) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const provider = yield* Effect.configProviderWith((current) =>
      Effect.succeed(ConfigProvider.orElse(overrideProvider(plan.overrides), () => current))
    )
    return { client, provider, serviceSid }
  })

/**
 * Runs a validated plan: one write to stdout per page (the format's header goes with the first),
 * each awaited, so memory stays flat however long the listing is.
 *
 * @since 0.1.0
 * @category Programs
 */
export const runPlan = (
  plan: Plan,
  format: Option.Option<Output.Format>,
  csvRaw = false
): Effect.Effect<void, ListError, Stdio | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const stdio = yield* Stdio
    const source: Source = plan.demo
      ? yield* demoSource(plan)
      : yield* liveSource(plan, Option.getOrThrow(plan.serviceSid))
    const config = yield* Effect.withConfigProvider(TwilioConfig.config, source.provider).pipe(
      Effect.mapError((error) => configurationError(error, plan.overrides))
    )
    let requests = 0
    const counted = HttpClient.tapRequest(source.client, () => Effect.sync(() => void requests++))
    const http = yield* TwilioHttpClient.make(config).pipe(Effect.provideService(HttpClient.HttpClient, counted))
    const bindings = yield* Bindings.make.pipe(Effect.provideService(TwilioHttpClient.TwilioHttpClient, http))

    const chosen = Option.getOrElse(format, (): Output.Format => stdio.stdout.isTTY ? "table" : "jsonl")
    const formatter = Output.make(chosen, {
      width: Option.getOrElse(stdio.stdout.columns, () => Output.DEFAULT_TABLE_WIDTH),
      csvRaw
    })
    const progress = yield* Progress.make({
      stderr: stdio.stderr,
      sharedTerminal: stdio.stdout.isTTY,
      requests: () => requests
    })
    let header = formatter.header
    const write = (text: string) => {
      const out = header + text
      header = ""
      return out === "" ? Effect.void : progress.around(stdio.stdout.write(out))
    }
    yield* bindings.stream(source.serviceSid, plan.params, {
      limit: Option.getOrUndefined(plan.limit),
      startAt: Option.getOrUndefined(plan.startAt)
    }).pipe(
      Stream.runForEachChunk((chunk) =>
        Effect.zipRight(
          Effect.suspend(() => write(formatter.page(Chunk.toReadonlyArray(chunk)))),
          progress.page(Chunk.size(chunk))
        )
      ),
      // An empty listing still gets its header (a CSV with no records is a header line).
      Effect.zipRight(Effect.suspend(() => write(""))),
      Effect.ensuring(progress.finish)
    )
  })

/**
 * `bindings list`: validates the options, then runs the listing.
 *
 * @since 0.1.0
 * @category Programs
 */
export const run = (input: ListInput): Effect.Effect<void, ListError, Stdio | HttpClient.HttpClient> =>
  Effect.flatMap(validate(input), (plan) => runPlan(plan, input.format, input.csvRaw))
