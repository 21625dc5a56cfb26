/**
 * Where and how to reach Twilio: each product's origin, the credentials, the per-attempt timeout and the retry
 * policy. Given in code as {@link Options} (checked by {@link make}), or read from the environment
 * by {@link environment}; each setting has one rule, checked the same way from either source.
 *
 * @since 0.1.0
 */
import { Product, Sid } from "@twilio-bindings/domain"
import type { ParseResult, Redacted } from "effect"
import { Config, ConfigError, Duration, Either, Option, Schema } from "effect"
import {
  ApiKeySid,
  BaseUrl,
  Delay,
  HostLabel,
  MAX_RETRIES,
  MaxRetries,
  MaxRetriesText,
  Secret,
  SecretText
} from "./internal/rules.js"
import { firstIssue } from "./TwilioError.js"

/**
 * Where one product's requests go: its base URL and the origins credentials may be sent to.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Endpoint {
  /** The base URL, without a trailing slash, e.g. `https://chat.twilio.com`. */
  readonly baseUrl: string
  /** The origin of {@link baseUrl}: the only origin this product's credentials are ever sent to. */
  readonly origin: string
  /**
   * Origins whose URLs are rewritten onto {@link origin} rather than refused: with a region or edge
   * set, Twilio still writes the global host (`https://chat.twilio.com`) into page URLs, and the
   * official SDKs apply the regional hostname to those too.
   */
  readonly rewrittenOrigins: ReadonlyArray<string>
}

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
  /** Where each product's requests go: Chat v2 on `chat.twilio.com`, Conversations v1 on `conversations.twilio.com`. */
  readonly endpoints: { readonly [P in Product.Product]: Endpoint }
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
  /** Twilio region, e.g. `au1` (see {@link baseUrlOf}). */
  readonly region?: string | undefined
  /** Twilio edge location, e.g. `sydney` (region `us1` when only an edge is given). */
  readonly edge?: string | undefined
  /** Overrides Chat's base URL (fakes, proxies); https, or http on a loopback host. */
  readonly chatBaseUrl?: string | undefined
  /** Overrides Conversations' base URL, by the same rule as {@link chatBaseUrl}. */
  readonly conversationsBaseUrl?: string | undefined
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
export { MAX_RETRIES }

/**
 * Twilio's hostname rule, as the official SDKs apply it: `https://{product}.{edge}.{region}.twilio.com`,
 * region `us1` when only an edge is given, `https://{product}.{region}.twilio.com` with only a region,
 * and the global `https://{product}.twilio.com` (e.g. `https://chat.twilio.com`) with neither.
 *
 * @example
 * ```ts
 * import { TwilioConfig } from "@twilio-bindings/http"
 *
 * TwilioConfig.baseUrlOf("conversations", { edge: "sydney", region: "au1" })
 * // "https://conversations.sydney.au1.twilio.com"
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const baseUrlOf = (
  product: Product.Product,
  location: { readonly region?: string | undefined; readonly edge?: string | undefined } = {}
): string => {
  const region = location.region ?? (location.edge === undefined ? undefined : "us1")
  const labels = [Product.hostLabel[product], location.edge, region, "twilio", "com"]
  return `https://${labels.filter((label) => label !== undefined).join(".")}`
}

/**
 * Whether credentials may be sent to `origin` for a product: its configured origin, or one
 * rewritten onto it.
 *
 * @since 0.1.0
 * @category Predicates
 */
export const allowsOrigin = (endpoint: Endpoint, origin: string): boolean =>
  origin === endpoint.origin || endpoint.rewrittenOrigins.includes(origin)

/** A product's endpoint: the base URL given for it, or the one its hostname rule names. */
const endpointOf = (
  product: Product.Product,
  given: string | undefined,
  location: { readonly region?: string | undefined; readonly edge?: string | undefined }
): Endpoint => {
  const base = new URL(given ?? baseUrlOf(product, location))
  const global = baseUrlOf(product)
  return {
    baseUrl: base.href.replace(/\/+$/, ""),
    origin: base.origin,
    rewrittenOrigins: base.origin === global ? [] : [global]
  }
}

const decodeOptions = Schema.decodeUnknownEither(Schema.Struct({
  accountSid: Sid.AccountSid,
  apiKey: Schema.optional(ApiKeySid),
  authToken: Schema.optional(Secret),
  apiSecret: Schema.optional(Secret),
  region: Schema.optional(HostLabel),
  edge: Schema.optional(HostLabel),
  chatBaseUrl: Schema.optional(BaseUrl),
  conversationsBaseUrl: Schema.optional(BaseUrl),
  timeout: Schema.optional(Delay),
  maxRetries: Schema.optional(MaxRetries),
  retryBaseDelay: Schema.optional(Delay),
  retryMaxDelay: Schema.optional(Delay)
}))

const invalidData = (error: ParseResult.ParseError) => {
  const { message, path } = firstIssue(error)
  return ConfigError.InvalidData(path === "" ? [] : [path], message)
}

const missingCredential = (
  names: { readonly authToken: string; readonly apiKey: string; readonly apiSecret: string }
) => ({
  authToken: ConfigError.MissingData([names.authToken], `is required (or ${names.apiKey} and ${names.apiSecret})`),
  apiSecret: ConfigError.MissingData([names.apiSecret], `is required with ${names.apiKey}`)
})

const missingOption = missingCredential({ authToken: "authToken", apiKey: "apiKey", apiSecret: "apiSecret" })

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
    const checked = yield* Either.mapLeft(decodeOptions(options), invalidData)
    const { apiKey, apiSecret, authToken } = checked
    const credentials = apiKey === undefined
      ? authToken === undefined
        ? yield* Either.left(missingOption.authToken)
        : { username: checked.accountSid, password: authToken }
      : apiSecret === undefined
      ? yield* Either.left(missingOption.apiSecret)
      : { username: apiKey, password: apiSecret }
    return {
      accountSid: checked.accountSid,
      ...credentials,
      endpoints: {
        chat: endpointOf("chat", checked.chatBaseUrl, checked),
        conversations: endpointOf("conversations", checked.conversationsBaseUrl, checked)
      },
      timeout: checked.timeout ?? defaults.timeout,
      maxRetries: checked.maxRetries ?? defaults.maxRetries,
      retryBaseDelay: checked.retryBaseDelay ?? defaults.retryBaseDelay,
      retryMaxDelay: checked.retryMaxDelay ?? defaults.retryMaxDelay
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
  chatBaseUrl: "TWILIO_CHAT_BASE_URL",
  conversationsBaseUrl: "TWILIO_CONVERSATIONS_BASE_URL",
  timeout: "TWILIO_TIMEOUT",
  maxRetries: "TWILIO_MAX_RETRIES",
  retryBaseDelay: "TWILIO_RETRY_BASE_DELAY",
  retryMaxDelay: "TWILIO_RETRY_MAX_DELAY"
} as const satisfies Record<keyof Options, string>

const env = environmentVariables

/** A variable checked by its setting's rule (a failure's path is the variable), `undefined` when unset. */
const variable = <A, I>(name: string, rule: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(rule)
  return Config.map(
    Config.option(Config.mapOrFail(Config.string(name), (text) => Either.mapLeft(decode(text), invalidData))),
    Option.getOrUndefined
  )
}

const missingVariable = missingCredential(env)

/** A secret required unless `TWILIO_API_KEY` (for the API secret: if it) says which credential is used. */
const credential = (name: string, withApiKey: boolean, missing: ConfigError.ConfigError) =>
  Config.mapOrFail(
    Config.all([variable(name, SecretText), Config.option(Config.string(env.apiKey))]),
    ([secret, apiKey]) =>
      secret === undefined && Option.isSome(apiKey) === withApiKey ? Either.left(missing) : Either.right(secret)
  )

/**
 * The settings read from the environment, one `Config` per setting, each checked by the same rule
 * as {@link make} so that a failure's path names the variable: `TWILIO_ACCOUNT_SID` with
 * `TWILIO_AUTH_TOKEN`, or `TWILIO_API_KEY` + `TWILIO_API_SECRET`; optionally `TWILIO_REGION`,
 * `TWILIO_EDGE`, `TWILIO_CHAT_BASE_URL`, `TWILIO_CONVERSATIONS_BASE_URL`, `TWILIO_TIMEOUT` (e.g. `10 seconds`), `TWILIO_MAX_RETRIES`,
 * `TWILIO_RETRY_BASE_DELAY`, `TWILIO_RETRY_MAX_DELAY`. Secrets are `Redacted` from the moment they
 * are read. Replace any field to take that setting from elsewhere:
 * `TwilioHttpClient.layerConfig({ ...TwilioConfig.environment, maxRetries: Config.succeed(2) })`.
 *
 * @since 0.1.0
 * @category Config
 */
export const environment: { readonly [K in keyof Options]-?: Config.Config<Options[K]> } = {
  accountSid: Config.mapOrFail(
    variable(env.accountSid, Sid.AccountSid),
    (sid) =>
      sid === undefined ? Either.left(ConfigError.MissingData([env.accountSid], "is not set")) : Either.right(sid)
  ),
  authToken: credential(env.authToken, false, missingVariable.authToken),
  apiKey: variable(env.apiKey, ApiKeySid),
  apiSecret: credential(env.apiSecret, true, missingVariable.apiSecret),
  region: variable(env.region, HostLabel),
  edge: variable(env.edge, HostLabel),
  chatBaseUrl: variable(env.chatBaseUrl, BaseUrl),
  conversationsBaseUrl: variable(env.conversationsBaseUrl, BaseUrl),
  timeout: variable(env.timeout, Delay),
  maxRetries: variable(env.maxRetries, MaxRetriesText),
  retryBaseDelay: variable(env.retryBaseDelay, Delay),
  retryMaxDelay: variable(env.retryMaxDelay, Delay)
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
