/**
 * What every subcommand shares: where the bindings come from (the embedded fake with `--demo`, Twilio
 * otherwise), the product, and the Twilio client built from the environment and the options.
 *
 * @internal
 */
import { HttpClient } from "@effect/platform"
import type { Product, Sid } from "@twilio-bindings/domain"
import { TwilioConfig, TwilioHttpClient } from "@twilio-bindings/http"
import type { BindingsError } from "@twilio-bindings/stream"
import { Bindings, ConversationsBindings } from "@twilio-bindings/stream"
import type { ConfigError, Duration } from "effect"
import { Config, Effect, Either, Layer, Option } from "effect"
import { ConfigurationError, type InvalidInput, invalidOption } from "../CliError.js"
import { Stdio } from "../Stdio.js"

/** The options every subcommand takes, decoded. */
export interface ConnectionOptions {
  readonly service: Option.Option<Sid.ServiceSid>
  readonly product: Option.Option<Product.Product>
  readonly baseUrl: Option.Option<string>
  readonly requestTimeout: Option.Option<Duration.Duration>
  readonly maxRetries: Option.Option<number>
  readonly demo: boolean
}

/** The embedded fake's sample data for `--demo` (see `Listing.demo`). */
export const demo = { seed: 6, count: 300, latencyMillis: 20 } as const

/** Where the bindings come from: the embedded fake (`--demo`), or Twilio's service. */
export type Source = { readonly _tag: "Demo" } | { readonly _tag: "Live"; readonly serviceSid: Sid.ServiceSid }

/** An option refused because another was given, with the reason. */
export const conflict = (
  option: readonly [string, boolean],
  others: ReadonlyArray<readonly [string, boolean]>,
  reason: string
) => {
  const given = option[1] ? others.find(([, isGiven]) => isGiven) : undefined
  return given === undefined
    ? Either.void
    : Either.left(invalidOption(option[0], `cannot be combined with ${given[0]} (${reason})`))
}

/** The source the options name: `--demo` has its own service and origin; otherwise `--service` is required. */
export const source = (options: ConnectionOptions): Either.Either<Source, InvalidInput> =>
  Either.gen(function*() {
    yield* conflict(["--demo", options.demo], [
      ["--service", Option.isSome(options.service)],
      ["--base-url", Option.isSome(options.baseUrl)]
    ], "the demo uses its own sample service on an embedded fake")
    return options.demo
      ? { _tag: "Demo" as const }
      : Option.isSome(options.service)
      ? { _tag: "Live" as const, serviceSid: options.service.value }
      : yield* Either.left(
        invalidOption("--service", "is required: the Service SID (IS followed by 32 hex digits), or use --demo")
      )
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

/** The product's client services, on the Twilio client of a source, and the service SID to work on. */
export interface Connection {
  readonly product: Product.Product
  readonly serviceSid: Sid.ServiceSid
  readonly bindings: Bindings.Bindings.Service
  readonly conversations: ConversationsBindings.ConversationsBindings.Service
}

/**
 * Connects to the source: the Twilio client (the environment's settings, each replaced by its option
 * when given; `--base-url` sets the chosen product's origin) or, for `--demo`, the embedded fake,
 * loaded only then. `what` names the job in the demo's note on a terminal.
 */
export const connect = (
  source: Source,
  options: ConnectionOptions,
  what: string
): Effect.Effect<Connection, ConfigurationError, Stdio | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const product = Option.getOrElse(options.product, (): Product.Product => "chat")
    let client: HttpClient.HttpClient
    let twilio: Layer.Layer<TwilioHttpClient.TwilioHttpClient, ConfigError.ConfigError, HttpClient.HttpClient>
    let serviceSid: Sid.ServiceSid
    if (source._tag === "Live") {
      const environment = TwilioConfig.environment
      const given = <A>(option: Option.Option<A>, variable: Config.Config<A | undefined>) =>
        Option.match(option, { onNone: () => variable, onSome: (value) => Config.succeed(value) })
      const baseUrlSetting = product === "chat" ? "chatBaseUrl" : "conversationsBaseUrl"
      client = yield* HttpClient.HttpClient
      twilio = TwilioHttpClient.layerConfig({
        ...environment,
        [baseUrlSetting]: given(options.baseUrl, environment[baseUrlSetting]),
        timeout: given<Duration.DurationInput>(options.requestTimeout, environment.timeout),
        maxRetries: given(options.maxRetries, environment.maxRetries)
      })
      serviceSid = source.serviceSid
    } else {
      // Loaded only for --demo: real work never loads the fake.
      const { FakeTwilio } = yield* Effect.promise(() => import("@twilio-bindings/testing"))
      const made = yield* FakeTwilio.make({
        services: [{ seed: demo.seed, count: demo.count }],
        latency: `${demo.latencyMillis} millis`
      })
      const stdio = yield* Stdio
      if (stdio.stderr.isTTY) {
        yield* Effect.ignore(
          stdio.stderr.write(
            `demo: ${what} service ${made.fake.serviceSid} of an embedded fake Twilio (${demo.count} generated bindings, no account needed)\n`
          )
        )
      }
      client = made.client
      twilio = TwilioHttpClient.layer({
        timeout: Option.getOrUndefined(options.requestTimeout),
        maxRetries: Option.getOrUndefined(options.maxRetries),
        accountSid: made.fake.accountSid,
        authToken: made.fake.authToken,
        chatBaseUrl: made.fake.origin,
        conversationsBaseUrl: made.fake.origin
      })
      serviceSid = made.fake.serviceSid
    }
    const services = yield* Effect.all([Bindings.Bindings, ConversationsBindings.ConversationsBindings]).pipe(
      Effect.provide(
        Layer.merge(Bindings.layer, ConversationsBindings.layer).pipe(
          Layer.provide(twilio),
          Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
        )
      ),
      Effect.mapError(configurationError)
    )
    return { product, serviceSid, bindings: services[0], conversations: services[1] }
  })

/**
 * One page of one binding of the connection's service. Twilio answers 404 to a binding, or a
 * DELETE, in a service that does not exist, as to one that is not there: this request tells the two
 * apart (see {@link isNoSuchService}).
 */
export const probeService = (connection: Connection): Effect.Effect<unknown, BindingsError.BindingsError> =>
  connection.product === "chat"
    ? connection.bindings.page(connection.serviceSid, { pageSize: 1 })
    : connection.conversations.page(connection.serviceSid, { pageSize: 1 })

/** Whether {@link probeService} failed because Twilio has no such service (404). */
export const isNoSuchService = (error: BindingsError.BindingsError): boolean =>
  error._tag === "ListingError" && error.cause._tag === "TwilioApiError" && error.cause.status === 404
