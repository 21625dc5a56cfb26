/**
 * The program behind `bindings list`: check how the options combine, pick the source (the embedded
 * fake with `--demo`, Twilio otherwise), then stream the listing to stdout a page per write, with
 * progress on a terminal's stderr.
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import type { BindingType, ListBindingsParams, Sid } from "@twilio-bindings/domain"
import { TwilioConfig, TwilioHttpClient } from "@twilio-bindings/http"
import { Bindings } from "@twilio-bindings/stream"
import type { ConfigError } from "effect"
import { Chunk, ConfigProvider, Duration, Effect, Either, Option, Redacted, Stream } from "effect"
import { ConfigurationError, type InvalidInput, invalidOption, type ListError } from "./CliError.js"
import * as Format from "./Format.js"
import * as Progress from "./internal/progress.js"
import { Stdio } from "./Stdio.js"

/**
 * The options of `bindings list`, each already decoded with its schema.
 *
 * @since 0.1.0
 * @category Models
 */
export interface ListOptions {
  readonly service: Option.Option<Sid.ServiceSid>
  readonly bindingType: ReadonlyArray<BindingType.BindingType>
  readonly identity: ReadonlyArray<string>
  readonly pageSize: Option.Option<number>
  readonly limit: Option.Option<number>
  readonly format: Option.Option<Format.Format>
  readonly baseUrl: Option.Option<string>
  readonly requestTimeout: Option.Option<Duration.Duration>
  readonly maxRetries: Option.Option<number>
  readonly startAt: Option.Option<string>
  readonly demo: boolean
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
 * Where a listing comes from: the embedded fake (`--demo`), or Twilio's service.
 *
 * @since 0.1.0
 * @category Models
 */
export type Source = { readonly _tag: "Demo" } | { readonly _tag: "Live"; readonly serviceSid: Sid.ServiceSid }

/**
 * A `list` invocation whose options combine.
 *
 * @since 0.1.0
 * @category Models
 */
export interface ListRequest {
  readonly source: Source
  readonly params: ListBindingsParams.ListBindingsParams
  readonly options: ListOptions
}

const conflict = (
  option: readonly [string, boolean],
  others: ReadonlyArray<readonly [string, boolean]>,
  reason: string
) => {
  const given = option[1] ? others.find(([, isGiven]) => isGiven) : undefined
  return given === undefined
    ? Either.void
    : Either.left(invalidOption(option[0], `cannot be combined with ${given[0]} (${reason})`))
}

/**
 * Checks how the options combine: `--demo` has its own service and origin, and a `--start-at` page
 * URL carries its own filters and page size, so giving those as well is refused rather than ignored.
 *
 * @since 0.1.0
 * @category Validation
 */
export const request = (options: ListOptions): Either.Either<ListRequest, InvalidInput> =>
  Either.gen(function*() {
    yield* conflict(["--demo", options.demo], [
      ["--service", Option.isSome(options.service)],
      ["--base-url", Option.isSome(options.baseUrl)],
      ["--start-at", Option.isSome(options.startAt)]
    ], "the demo lists its own sample service on an embedded fake")
    yield* conflict(["--start-at", Option.isSome(options.startAt)], [
      ["--binding-type", options.bindingType.length > 0],
      ["--identity", options.identity.length > 0],
      ["--page-size", Option.isSome(options.pageSize)]
    ], "the page URL carries the filters and page size of the listing it resumes")
    const source: Source = options.demo
      ? { _tag: "Demo" }
      : Option.isSome(options.service)
      ? { _tag: "Live", serviceSid: options.service.value }
      : yield* Either.left(
        invalidOption("--service", "is required: the Chat Service SID (IS followed by 32 hex digits), or use --demo")
      )
    const params: ListBindingsParams.ListBindingsParams = {
      ...(options.bindingType.length > 0 ? { bindingType: options.bindingType } : {}),
      ...(options.identity.length > 0 ? { identity: options.identity } : {}),
      ...Option.match(options.pageSize, { onNone: () => ({}), onSome: (pageSize) => ({ pageSize }) })
    }
    return { source, params, options }
  })

const CREDENTIAL_HINT =
  "set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET), or try --demo"

const firstLeaf = (error: ConfigError.ConfigError): ConfigError.ConfigError => {
  switch (error._op) {
    case "And":
    case "Or":
      return firstLeaf(error.left)
    default:
      return error
  }
}

/** The settings given as options, by the variable they override. */
const overrides = (options: ListOptions): ReadonlyMap<string, { readonly option: string; readonly value: string }> => {
  const env = TwilioConfig.environmentVariables
  const entries = new Map<string, { readonly option: string; readonly value: string }>()
  if (Option.isSome(options.baseUrl)) entries.set(env.baseUrl, { option: "--base-url", value: options.baseUrl.value })
  if (Option.isSome(options.requestTimeout)) {
    const millis = Duration.toMillis(options.requestTimeout.value)
    entries.set(env.timeout, { option: "--request-timeout", value: `${millis} millis` })
  }
  if (Option.isSome(options.maxRetries)) {
    entries.set(env.maxRetries, { option: "--max-retries", value: String(options.maxRetries.value) })
  }
  return entries
}

/**
 * A `ConfigError` of the configuration as one line naming the variable (or the option that set it)
 * and the rule.
 *
 * @since 0.1.0
 * @category Errors
 */
export const configurationError = (
  error: ConfigError.ConfigError,
  options: ReadonlyMap<string, { readonly option: string }> = new Map()
): ConfigurationError => {
  const leaf = firstLeaf(error)
  const variable = leaf._op === "MissingData" || leaf._op === "InvalidData" ? leaf.path.join(".") : ""
  const option = options.get(variable)?.option
  if (option !== undefined) {
    const rule = leaf.message.startsWith(variable) ? leaf.message.slice(variable.length).trim() : leaf.message
    return new ConfigurationError({ description: `invalid ${option}: ${rule}` })
  }
  return new ConfigurationError({
    description: leaf._op === "MissingData"
      ? `missing credentials: ${variable} is not set; ${CREDENTIAL_HINT}`
      : `invalid configuration: ${leaf.message}`
  })
}

const providerOf = (settings: ReturnType<typeof overrides>, extra: ReadonlyArray<[string, string]> = []) =>
  ConfigProvider.fromMap(new Map([...[...settings].map(([name, { value }]) => [name, value] as const), ...extra]))

/** The HTTP client of the source and the service to list. */
const connect = (request: ListRequest) =>
  Effect.gen(function*() {
    if (request.source._tag === "Live") {
      const client = yield* HttpClient.HttpClient
      const provider = yield* Effect.configProviderWith((current) =>
        Effect.succeed(ConfigProvider.orElse(providerOf(overrides(request.options)), () => current))
      )
      return { client, provider, serviceSid: request.source.serviceSid }
    }
    // Loaded only for --demo: a real listing never loads the fake.
    const { FakeTwilio } = yield* Effect.promise(() => import("@twilio-bindings/testing"))
    const { client, fake } = yield* FakeTwilio.make({
      services: [{ seed: demo.seed, count: demo.count }],
      latency: `${demo.latencyMillis} millis`
    })
    const env = TwilioConfig.environmentVariables
    const provider = providerOf(overrides(request.options), [
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
    return { client, provider, serviceSid: fake.serviceSid }
  })

/**
 * Runs a listing: one write to stdout per page (the format's header goes with the first), each
 * awaited, so memory stays flat however long the listing is.
 *
 * @since 0.1.0
 * @category Programs
 */
export const runRequest = (request: ListRequest): Effect.Effect<void, ListError, Stdio | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const stdio = yield* Stdio
    const source = yield* connect(request)
    const config = yield* Effect.withConfigProvider(TwilioConfig.config, source.provider).pipe(
      Effect.mapError((error) => configurationError(error, overrides(request.options)))
    )
    // A retry is a request for the same URL as the one before it: every page has its own URL.
    let retries = 0
    let previous = ""
    const counted = HttpClient.tapRequest(source.client, (sent) =>
      Effect.sync(() => {
        const url = `${sent.url}?${sent.urlParams.toString()}`
        if (url === previous) retries++
        previous = url
      }))
    const http = yield* TwilioHttpClient.make(config).pipe(Effect.provideService(HttpClient.HttpClient, counted))
    const bindings = yield* Bindings.make.pipe(Effect.provideService(TwilioHttpClient.TwilioHttpClient, http))

    const format = Option.getOrElse(request.options.format, (): Format.Format => stdio.stdout.isTTY ? "table" : "jsonl")
    const formatter = Format.make(format, {
      width: Option.getOrElse(stdio.stdout.columns, () => Format.DEFAULT_TABLE_WIDTH)
    })
    const progress = yield* Progress.make({
      stderr: stdio.stderr,
      sharedTerminal: stdio.stdout.isTTY,
      retries: () => retries
    })
    let header = formatter.header
    const write = (text: string) => {
      const out = header + text
      header = ""
      return out === "" ? Effect.void : progress.around(stdio.stdout.write(out))
    }
    yield* bindings.stream(source.serviceSid, request.params, {
      limit: Option.getOrUndefined(request.options.limit),
      startAt: Option.getOrUndefined(request.options.startAt)
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
 * `bindings list`: checks how the options combine, then runs the listing.
 *
 * @since 0.1.0
 * @category Programs
 */
export const run = (options: ListOptions): Effect.Effect<void, ListError, Stdio | HttpClient.HttpClient> =>
  Effect.flatMap(request(options), runRequest)
