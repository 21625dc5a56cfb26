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
import type { ConfigError, Duration } from "effect"
import { Config, Effect, Either, Layer, Metric, Option, Stream } from "effect"
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
  /** Write CSV fields exactly as they are, without the guard against spreadsheet formulas. */
  readonly csvRaw: boolean
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

/**
 * The options that give settings of `TwilioConfig.Options` in code. The environment's settings fail
 * with the variable as their path; these with the setting's name, which the option stands for.
 */
const optionOfSetting: Partial<Record<keyof TwilioConfig.Options, string>> = {
  chatBaseUrl: "--base-url",
  conversationsBaseUrl: "--base-url",
  timeout: "--request-timeout",
  maxRetries: "--max-retries"
}

const firstLeaf = (error: ConfigError.ConfigError): ConfigError.ConfigError =>
  error._op === "And" || error._op === "Or" ? firstLeaf(error.left) : error

/**
 * A `ConfigError` of the configuration as one line naming the setting at fault (the option, when the
 * setting came from one; otherwise the variable) and its rule.
 *
 * @since 0.1.0
 * @category Errors
 */
export const configurationError = (error: ConfigError.ConfigError): ConfigurationError => {
  const leaf = firstLeaf(error)
  const path = leaf._op === "MissingData" || leaf._op === "InvalidData" ? leaf.path : []
  const option = path.length === 1 ? optionOfSetting[path[0] as keyof TwilioConfig.Options] : undefined
  return new ConfigurationError({
    description: option !== undefined
      ? `invalid ${option}: ${leaf.message}`
      : leaf._op === "MissingData"
      ? `missing credentials: ${TwilioConfig.describeError(leaf)}; ${CREDENTIAL_HINT}`
      : `invalid configuration: ${TwilioConfig.describeError(leaf)}`
  })
}

/** The Twilio client layer of the source (on the `HttpClient` it is given) and the service to list. */
const connect = (request: ListRequest) =>
  Effect.gen(function*() {
    const { options } = request
    if (request.source._tag === "Live") {
      // The environment's settings, each replaced by its option when given.
      const environment = TwilioConfig.environment
      const given = <A>(option: Option.Option<A>, variable: Config.Config<A | undefined>) =>
        Option.match(option, { onNone: () => variable, onSome: (value) => Config.succeed(value) })
      return {
        client: yield* HttpClient.HttpClient,
        twilio: TwilioHttpClient.layerConfig({
          ...environment,
          chatBaseUrl: given(options.baseUrl, environment.chatBaseUrl),
          timeout: given<Duration.DurationInput>(options.requestTimeout, environment.timeout),
          maxRetries: given(options.maxRetries, environment.maxRetries)
        }),
        serviceSid: request.source.serviceSid
      }
    }
    // Loaded only for --demo: a real listing never loads the fake.
    const { FakeTwilio } = yield* Effect.promise(() => import("@twilio-bindings/testing"))
    const { client, fake } = yield* FakeTwilio.make({
      services: [{ seed: demo.seed, count: demo.count }],
      latency: `${demo.latencyMillis} millis`
    })
    const stdio = yield* Stdio
    if (stdio.stderr.isTTY) {
      yield* Effect.ignore(
        stdio.stderr.write(
          `demo: listing service ${fake.serviceSid} of an embedded fake Twilio (${demo.count} generated bindings, no account needed)\n`
        )
      )
    }
    return {
      client,
      twilio: TwilioHttpClient.layer({
        timeout: Option.getOrUndefined(options.requestTimeout),
        maxRetries: Option.getOrUndefined(options.maxRetries),
        accountSid: fake.accountSid,
        authToken: fake.authToken,
        chatBaseUrl: fake.origin,
        conversationsBaseUrl: fake.origin
      }),
      serviceSid: fake.serviceSid
    }
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
    // The library counts the requests it sends again, for the whole program: this run's are those
    // counted since it started.
    const retriesBefore = (yield* Metric.value(TwilioHttpClient.retries)).count
    const bindings = yield* Bindings.Bindings.pipe(
      Effect.provide(
        Bindings.layer.pipe(
          Layer.provide(source.twilio),
          Layer.provide(Layer.succeed(HttpClient.HttpClient, source.client))
        )
      ),
      Effect.mapError(configurationError)
    )

    const format = Option.getOrElse(request.options.format, (): Format.Format => stdio.stdout.isTTY ? "table" : "jsonl")
    const formatter = Format.make(format, {
      width: Option.getOrElse(stdio.stdout.columns, () => Format.DEFAULT_TABLE_WIDTH),
      csvRaw: request.options.csvRaw
    })
    const progress = yield* Progress.make({
      stderr: stdio.stderr,
      sharedTerminal: stdio.stdout.isTTY,
      retries: Effect.map(Metric.value(TwilioHttpClient.retries), ({ count }) => count - retriesBefore)
    })
    let header = formatter.header
    const write = (text: string) => {
      const out = header + text
      header = ""
      return out === "" ? Effect.void : progress.around(stdio.stdout.write(out))
    }
    // Pages of wire records, checked as the models would be: every format writes wire values, so
    // no model is built only to be encoded back.
    yield* bindings.wirePages(source.serviceSid, request.params, {
      limit: Option.getOrUndefined(request.options.limit),
      startAt: Option.getOrUndefined(request.options.startAt)
    }).pipe(
      Stream.runForEach(({ bindings }) =>
        Effect.zipRight(
          Effect.suspend(() => write(formatter.page(bindings))),
          progress.page(bindings.length)
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
