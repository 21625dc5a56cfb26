/**
 * Where and how to reach Twilio: the origin, the credentials, the per-attempt timeout and the retry
 * policy. Given in code as {@link Options} (checked by {@link make}), or read from the environment
 * by {@link environment}; each setting has one rule, checked the same way from either source.
 *
 * @since 0.1.0
 */
import { Url } from "@effect/platform"
import { Sid } from "@twilio-bindings/domain"
import { Config, ConfigError, Duration, Either, Option, ParseResult, Redacted, Schema } from "effect"
import { firstIssue, formatValue } from "./TwilioError.js"

/**
 * Everything `TwilioHttpClient` needs, validated. Secrets are `Redacted`.
 *
 * @since 0.1.0
 * @category Models
 */
export interface TwilioConfig {
  /** The Account the requests act for. */
  readonly accountSid: Sid.AccountSid
  /** The Basic-auth user: the Account SID, or the API key SID (`SK…`). */
  readonly username: string
  /** The Basic-auth password: the auth token or the API key's secret. */
  readonly password: Redacted.Redacted<string>
  /** The base URL requests go to, without a trailing slash, e.g. `https://chat.twilio.com`. */
  readonly baseUrl: string
  /** The origin of {@link baseUrl}: the only origin credentials are ever sent to. */
  readonly origin: string
  /**
   * Origins whose URLs are rewritten onto {@link origin} rather than refused: with a region or edge
   * set, Twilio still writes `https://chat.twilio.com` into page URLs, and the official SDKs apply
   * the regional hostname to those too.
   */
  readonly rewrittenOrigins: ReadonlyArray<string>
  /** How long one attempt may take before it is abandoned (and retried). */
  readonly timeout: Duration.Duration
  /** How many retries after the first attempt, at most. */
  readonly maxRetries: number
  /** The first retry delay; later ones double, with jitter, up to {@link retryMaxDelay}. */
  readonly retryBaseDelay: Duration.Duration
  /** The longest backoff delay (a `Retry-After` header is honoured even when longer). */
  readonly retryMaxDelay: Duration.Duration
}

/**
 * The settings, as typed values. Only `accountSid` and one credential are required.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** `AC…`. */
  readonly accountSid: string
  /** The Account's auth token (or give `apiKey` + `apiSecret`). */
  readonly authToken?: Redacted.Redacted<string> | undefined
  /** An API key SID (`SK…`), used with `apiSecret` in place of the auth token. */
  readonly apiKey?: string | undefined
  /** The API key's secret. */
  readonly apiSecret?: Redacted.Redacted<string> | undefined
  /** Twilio region, e.g. `au1` (see {@link chatBaseUrl}). */
  readonly region?: string | undefined
  /** Twilio edge location, e.g. `sydney` (region `us1` when only an edge is given). */
  readonly edge?: string | undefined
  /** Overrides the base URL (fakes, proxies); https, or http on a loopback host. */
  readonly baseUrl?: string | undefined
  /** Per-attempt timeout. Default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Retries after the first attempt, 0 to {@link MAX_RETRIES}. Default 5. */
  readonly maxRetries?: number | undefined
  /** First backoff delay. Default 500 millis. */
  readonly retryBaseDelay?: Duration.DurationInput | undefined
  /** Longest backoff delay. Default 20 seconds. */
  readonly retryMaxDelay?: Duration.DurationInput | undefined
}

/**
 * The defaults of the optional settings.
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaults = {
  timeout: Duration.seconds(30),
  maxRetries: 5,
  retryBaseDelay: Duration.millis(500),
  retryMaxDelay: Duration.seconds(20)
} as const

/**
 * The most retries a request may be given.
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_RETRIES = 1000

/**
 * The global Chat API base URL.
 *
 * @since 0.1.0
 * @category Constants
 */
export const GLOBAL_BASE_URL = "https://chat.twilio.com"

/**
 * Twilio's hostname rule, as the official SDKs apply it: `https://chat.{edge}.{region}.twilio.com`,
 * region `us1` when only an edge is given, `https://chat.{region}.twilio.com` with only a region,
 * and the global `https://chat.twilio.com` with neither.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const chatBaseUrl = (location: { readonly region?: string | undefined; readonly edge?: string | undefined }) => {
  const region = location.region ?? (location.edge === undefined ? undefined : "us1")
  const labels = ["chat", location.edge, region, "twilio", "com"].filter((label) => label !== undefined)
  return `https://${labels.join(".")}`
}

/**
 * Whether a loopback address: `localhost`, all of 127.0.0.0/8, and `[::1]` (hostnames as the URL
 * parser normalises them, so `127.1` is `127.0.0.1`).
 *
 * @since 0.1.0
 * @category Predicates
 */
export const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname)

/**
 * Whether credentials may be sent to `origin`: the configured one, or one rewritten onto it.
 *
 * @since 0.1.0
 * @category Predicates
 */
export const allowsOrigin = (config: TwilioConfig, origin: string): boolean =>
  origin === config.origin || config.rewrittenOrigins.includes(origin)

// The rules, each written once. A failure message is the rule alone ("must be …, got …"): the
// setting's name is the ConfigError's path, an option in code or a variable in the environment.

const withRule = (rule: string) => ({
  message: (issue: ParseResult.ParseIssue) => ({ message: `${rule}, got ${formatValue(issue.actual)}`, override: true })
})

const ApiKeySid = Sid.make("SK", "ApiKeySid")

// never echoed: a secret has no "got" part
const Secret = Schema.RedactedFromSelf(Schema.String).pipe(
  Schema.filter((secret) => Redacted.value(secret) !== "", { message: () => "must not be empty" })
)

const HostLabel = Schema.String.pipe(Schema.pattern(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)).annotations(
  withRule(`must be a hostname label such as "sydney" or "au1"`)
)

const baseUrlProblem = (text: string): string | undefined =>
  Either.match(Url.fromString(text), {
    // not echoed: a mistyped value may hold a secret
    onLeft: () => "must be an absolute URL such as https://chat.twilio.com",
    onRight: (url) =>
      url.username !== "" || url.password !== ""
        ? "must not carry credentials"
        : url.search !== "" || url.hash !== ""
        ? "must not have a query or a fragment"
        : url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname))
        ? undefined
        : `must use https (http only on a loopback host), got ${JSON.stringify(text)}`
  })

const BaseUrl = Schema.String.pipe(Schema.filter((text) => baseUrlProblem(text) ?? true))

const MaxRetries = Schema.Number.pipe(Schema.int(), Schema.between(0, MAX_RETRIES))
const maxRetriesRule = withRule(`must be a whole number from 0 to ${MAX_RETRIES}`)

const Delay = Schema.transformOrFail(Schema.Unknown, Schema.DurationFromSelf, {
  strict: true,
  decode: (input, _, ast) =>
    Option.match(Duration.decodeUnknown(input), {
      onNone: () => ParseResult.fail(new ParseResult.Type(ast, input)),
      onSome: ParseResult.succeed
    }),
  encode: ParseResult.succeed
}).pipe(
  Schema.filter((duration) => Duration.greaterThan(duration, Duration.zero) && Duration.isFinite(duration)),
  Schema.annotations(withRule(`must be a positive duration such as "30 seconds"`))
)

const checkWith = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema)
  return (value: unknown, path: ReadonlyArray<string> = []) =>
    Either.mapLeft(decode(value), (error) => ConfigError.InvalidData([...path], firstIssue(error).message))
}

const rules = {
  accountSid: checkWith(Sid.AccountSid),
  apiKey: checkWith(ApiKeySid),
  secret: checkWith(Secret),
  label: checkWith(HostLabel),
  baseUrl: checkWith(BaseUrl),
  maxRetries: checkWith(MaxRetries.annotations(maxRetriesRule)),
  // the text is what the message shows: "2000" or "1.5" as typed, not a number parsed from it
  maxRetriesText: checkWith(Schema.compose(Schema.NumberFromString, MaxRetries).annotations(maxRetriesRule)),
  delay: checkWith(Delay)
}

const optional = <A>(
  name: string,
  value: unknown,
  check: (value: unknown, path: ReadonlyArray<string>) => Either.Either<A, ConfigError.ConfigError>
) => value === undefined ? Either.right(undefined) : check(value, [name])

const credentialsRequired = (
  names: { readonly authToken: string; readonly apiKey: string; readonly apiSecret: string }
) => ({
  authToken: ConfigError.MissingData([names.authToken], `is required (or ${names.apiKey} and ${names.apiSecret})`),
  apiSecret: ConfigError.MissingData([names.apiSecret], `is required with ${names.apiKey}`)
})

const optionNames = { authToken: "authToken", apiKey: "apiKey", apiSecret: "apiSecret" }

/**
 * Checks settings given in code. A bad value fails with a `ConfigError` whose path names the
 * option and whose message is the rule (`accountSid`: `AccountSid must start with "AC", got "IS"`).
 *
 * @example
 * ```ts
 * import { TwilioConfig } from "@twilio-bindings/http"
 * import { Redacted } from "effect"
 *
 * const config = TwilioConfig.make({
 *   accountSid: "AC0123456789abcdef0123456789abcdef",
 *   authToken: Redacted.make("secret")
 * })
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options): Either.Either<TwilioConfig, ConfigError.ConfigError> =>
  Either.gen(function*() {
    const accountSid = yield* rules.accountSid(options.accountSid, ["accountSid"])
    const apiKey = yield* optional("apiKey", options.apiKey, rules.apiKey)
    const authToken = yield* optional("authToken", options.authToken, rules.secret)
    const apiSecret = yield* optional("apiSecret", options.apiSecret, rules.secret)
    const required = credentialsRequired(optionNames)
    const credentials = apiKey === undefined
      ? authToken === undefined ? yield* Either.left(required.authToken) : { username: accountSid, password: authToken }
      : apiSecret === undefined
      ? yield* Either.left(required.apiSecret)
      : { username: apiKey, password: apiSecret }
    const region = yield* optional("region", options.region, rules.label)
    const edge = yield* optional("edge", options.edge, rules.label)
    const baseUrl = yield* optional("baseUrl", options.baseUrl, rules.baseUrl)
    const base = new URL(baseUrl ?? chatBaseUrl({ region, edge }))
    const setting = <A>(
      name: string,
      value: unknown,
      check: (value: unknown, path: ReadonlyArray<string>) => Either.Either<A, ConfigError.ConfigError>,
      fallback: A
    ) => Either.map(optional(name, value, check), (checked) => checked ?? fallback)
    return {
      accountSid,
      ...credentials,
      baseUrl: base.href.replace(/\/+$/, ""),
      origin: base.origin,
      rewrittenOrigins: base.origin === GLOBAL_BASE_URL ? [] : [GLOBAL_BASE_URL],
      timeout: yield* setting("timeout", options.timeout, rules.delay, defaults.timeout),
      maxRetries: yield* setting("maxRetries", options.maxRetries, rules.maxRetries, defaults.maxRetries),
      retryBaseDelay: yield* setting("retryBaseDelay", options.retryBaseDelay, rules.delay, defaults.retryBaseDelay),
      retryMaxDelay: yield* setting("retryMaxDelay", options.retryMaxDelay, rules.delay, defaults.retryMaxDelay)
    }
  })

/**
 * The environment variables {@link environment} reads.
 *
 * @since 0.1.0
 * @category Constants
 */
export const environmentVariables = {
  accountSid: "TWILIO_ACCOUNT_SID",
  authToken: "TWILIO_AUTH_TOKEN",
  apiKey: "TWILIO_API_KEY",
  apiSecret: "TWILIO_API_SECRET",
  region: "TWILIO_REGION",
  edge: "TWILIO_EDGE",
  baseUrl: "TWILIO_CHAT_BASE_URL",
  timeout: "TWILIO_TIMEOUT",
  maxRetries: "TWILIO_MAX_RETRIES",
  retryBaseDelay: "TWILIO_RETRY_BASE_DELAY",
  retryMaxDelay: "TWILIO_RETRY_MAX_DELAY"
} as const satisfies Record<keyof Options, string>

const env = environmentVariables

/** A variable checked by its setting's rule; a failure's path is the variable. */
const variable = <A, B>(
  config: Config.Config<A>,
  check: (value: A, path: ReadonlyArray<string>) => Either.Either<B, ConfigError.ConfigError>
) => Config.mapOrFail(config, (value) => check(value, []))

const optionalVariable = <A>(config: Config.Config<A>) => Config.map(Config.option(config), Option.getOrUndefined)

/** A secret that is required unless `TWILIO_API_KEY` says which credential is used. */
const credentialVariable = (name: string, whenApiKey: boolean, error: ConfigError.ConfigError) =>
  Config.all([
    optionalVariable(variable(Config.string(name), (text, path) => rules.secret(Redacted.make(text), path))),
    Config.option(Config.string(env.apiKey))
  ]).pipe(
    Config.mapOrFail(([secret, apiKey]) =>
      secret === undefined && Option.isSome(apiKey) === whenApiKey ? Either.left(error) : Either.right(secret)
    )
  )

const requiredInEnvironment = credentialsRequired(env)

/**
 * The settings read from the environment, one `Config` per setting, each checked by the same rule
 * as {@link make} so that a failure's path names the variable: `TWILIO_ACCOUNT_SID` with
 * `TWILIO_AUTH_TOKEN`, or `TWILIO_API_KEY` + `TWILIO_API_SECRET`; optionally `TWILIO_REGION`,
 * `TWILIO_EDGE`, `TWILIO_CHAT_BASE_URL`, `TWILIO_TIMEOUT` (e.g. `10 seconds`), `TWILIO_MAX_RETRIES`,
 * `TWILIO_RETRY_BASE_DELAY`, `TWILIO_RETRY_MAX_DELAY`. Secrets are `Redacted` from the moment they
 * are read. Replace any field to take that setting from elsewhere:
 * `TwilioHttpClient.layerConfig({ ...TwilioConfig.environment, maxRetries: Config.succeed(2) })`.
 *
 * @since 0.1.0
 * @category Config
 */
export const environment: { readonly [K in keyof Options]-?: Config.Config<Options[K]> } = {
  // read as optional so that its absence is said in the same words as the other rules
  accountSid: Config.mapOrFail(Config.option(Config.string(env.accountSid)), (sid) =>
    Option.match(sid, {
      onNone: () => Either.left(ConfigError.MissingData([env.accountSid], "is not set")),
      onSome: (sid) => rules.accountSid(sid, [env.accountSid])
    })),
  authToken: credentialVariable(env.authToken, false, requiredInEnvironment.authToken),
  apiKey: optionalVariable(variable(Config.string(env.apiKey), rules.apiKey)),
  apiSecret: credentialVariable(env.apiSecret, true, requiredInEnvironment.apiSecret),
  region: optionalVariable(variable(Config.string(env.region), rules.label)),
  edge: optionalVariable(variable(Config.string(env.edge), rules.label)),
  baseUrl: optionalVariable(variable(Config.string(env.baseUrl), rules.baseUrl)),
  timeout: optionalVariable(variable(Config.string(env.timeout), rules.delay)),
  maxRetries: optionalVariable(variable(Config.string(env.maxRetries), rules.maxRetriesText)),
  retryBaseDelay: optionalVariable(variable(Config.string(env.retryBaseDelay), rules.delay)),
  retryMaxDelay: optionalVariable(variable(Config.string(env.retryMaxDelay), rules.delay))
}

/**
 * The settings from a `Config` of {@link Options} (by default {@link environment}), checked by
 * {@link make}.
 *
 * @since 0.1.0
 * @category Config
 */
export const config = (
  options: Config.Config.Wrap<Options> = environment
): Config.Config<TwilioConfig> => Config.mapOrFail(Config.unwrap(options), make)

/**
 * One line for a `ConfigError`: the first setting at fault and its rule, e.g.
 * `TWILIO_MAX_RETRIES must be a whole number from 0 to 1000, got "lots"`. Holds no secret.
 *
 * @since 0.1.0
 * @category Formatting
 */
export const describeError = (error: ConfigError.ConfigError): string => {
  switch (error._op) {
    case "And":
    case "Or":
      return describeError(error.left)
    default:
      return [...error.path, error.message].join(" ")
  }
}
