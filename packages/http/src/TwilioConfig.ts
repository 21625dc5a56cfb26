/**
 * Where and how to reach Twilio: the origin, the credentials, the per-attempt timeout and the retry
 * policy. Read from the environment with {@link config}, or built in code with {@link make}.
 *
 * @since 0.1.0
 */
import { Sid } from "@twilio-bindings/domain"
import type { Duration } from "effect"
import { Config, ConfigError, Duration as Dur, Either, Option, ParseResult, Redacted, Schema } from "effect"

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
 * Settings given in code. Only `accountSid` and one credential are required.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** `AC…`. */
  readonly accountSid: string
  /** The Account's auth token (or give `apiKey` + `apiSecret`). */
  readonly authToken?: string | Redacted.Redacted<string> | undefined
  /** An API key SID (`SK…`), used with `apiSecret` in place of the auth token. */
  readonly apiKey?: string | undefined
  /** The API key's secret. */
  readonly apiSecret?: string | Redacted.Redacted<string> | undefined
  /** Twilio region, e.g. `au1` (see {@link chatBaseUrl}). */
  readonly region?: string | undefined
  /** Twilio edge location, e.g. `sydney` (region `us1` when only an edge is given). */
  readonly edge?: string | undefined
  /** Overrides the base URL (fakes, proxies); https, or http on a loopback host. */
  readonly baseUrl?: string | undefined
  /** Per-attempt timeout. Default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Retries after the first attempt. Default 5. */
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
  timeout: Dur.seconds(30),
  maxRetries: 5,
  retryBaseDelay: Dur.millis(500),
  retryMaxDelay: Dur.seconds(20)
} as const

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

/** Names of the settings, as they appear to the user: option names in code, variables in the environment. */
interface SettingNames {
  readonly accountSid: string
  readonly authToken: string
  readonly apiKey: string
  readonly apiSecret: string
  readonly region: string
  readonly edge: string
  readonly baseUrl: string
  readonly timeout: string
  readonly maxRetries: string
  readonly retryBaseDelay: string
  readonly retryMaxDelay: string
}

const optionNames: SettingNames = {
  accountSid: "accountSid",
  authToken: "authToken",
  apiKey: "apiKey",
  apiSecret: "apiSecret",
  region: "region",
  edge: "edge",
  baseUrl: "baseUrl",
  timeout: "timeout",
  maxRetries: "maxRetries",
  retryBaseDelay: "retryBaseDelay",
  retryMaxDelay: "retryMaxDelay"
}

/**
 * The environment variables {@link config} reads.
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
} as const satisfies SettingNames

const ApiKeySid = Sid.make("SK", "ApiKeySid")
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

interface RawSettings {
  readonly accountSid: string
  readonly authToken: Option.Option<Redacted.Redacted<string>>
  readonly apiKey: Option.Option<string>
  readonly apiSecret: Option.Option<Redacted.Redacted<string>>
  readonly region: Option.Option<string>
  readonly edge: Option.Option<string>
  readonly baseUrl: Option.Option<string>
  readonly timeout: Option.Option<Duration.Duration>
  readonly maxRetries: Option.Option<number>
  readonly retryBaseDelay: Option.Option<Duration.Duration>
  readonly retryMaxDelay: Option.Option<Duration.Duration>
}

const invalid = (name: string, rule: string) => Either.left(ConfigError.InvalidData([name], `${name} ${rule}`))
const missing = (name: string, rule: string) => Either.left(ConfigError.MissingData([name], `${name} ${rule}`))

const decodeSid = <A>(schema: Schema.Schema<A, string>, name: string, value: string) =>
  Schema.decodeEither(schema)(value).pipe(
    Either.mapLeft((error) => {
      const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
      return ConfigError.InvalidData([name], `${name}: ${first?.message ?? error.message}`)
    })
  )

const validateBaseUrl = (name: string, text: string): Either.Either<URL, ConfigError.ConfigError> => {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    // not echoed: a mistyped value may hold a secret
    return invalid(name, "must be an absolute URL such as https://chat.twilio.com")
  }
  if (url.username !== "" || url.password !== "") return invalid(name, "must not carry credentials")
  if (url.search !== "" || url.hash !== "") return invalid(name, "must not have a query or a fragment")
  if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) {
    return Either.right(url)
  }
  return invalid(name, `must use https (http only on a loopback host), got ${url.origin}`)
}

const validateLabel = (name: string, value: Option.Option<string>) =>
  Option.match(value, {
    onNone: () => Either.right(undefined),
    onSome: (label) =>
      HOST_LABEL.test(label)
        ? Either.right(label)
        : invalid(name, `must be a hostname label such as "sydney" or "au1", got ${JSON.stringify(label)}`)
  })

const positiveDuration = (name: string, value: Option.Option<Duration.Duration>, fallback: Duration.Duration) =>
  Option.match(value, {
    onNone: () => Either.right(fallback),
    onSome: (duration) =>
      Dur.greaterThan(duration, Dur.zero) && Dur.isFinite(duration)
        ? Either.right(duration)
        : invalid(name, `must be a positive duration such as "30 seconds", got ${Dur.format(duration)}`)
  })

const validate = (
  names: SettingNames,
  raw: RawSettings
): Either.Either<TwilioConfig, ConfigError.ConfigError> =>
  Either.gen(function*() {
    const accountSid = yield* decodeSid(Sid.AccountSid, names.accountSid, raw.accountSid)
    const credentials = yield* Option.match(raw.apiKey, {
      onNone: () =>
        Option.match(raw.authToken, {
          onNone: () => missing(names.authToken, `is required (or ${names.apiKey} and ${names.apiSecret})`),
          onSome: (password) => Either.right({ username: accountSid as string, password })
        }),
      onSome: (apiKey) =>
        Either.gen(function*() {
          yield* decodeSid(ApiKeySid, names.apiKey, apiKey)
          const password = yield* Option.match(raw.apiSecret, {
            onNone: () => missing(names.apiSecret, `is required with ${names.apiKey}`),
            onSome: Either.right
          })
          return { username: apiKey, password }
        })
    })
    if (Redacted.value(credentials.password) === "") {
      return yield* invalid(Option.isSome(raw.apiKey) ? names.apiSecret : names.authToken, "must not be empty")
    }
    const region = yield* validateLabel(names.region, raw.region)
    const edge = yield* validateLabel(names.edge, raw.edge)
    const regional = chatBaseUrl({ region, edge })
    const base = yield* validateBaseUrl(names.baseUrl, Option.getOrElse(raw.baseUrl, () => regional))
    const baseUrl = base.href.replace(/\/+$/, "")
    const maxRetries = Option.getOrElse(raw.maxRetries, () => defaults.maxRetries)
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      return yield* invalid(names.maxRetries, `must be a whole number >= 0, got ${maxRetries}`)
    }
    return {
      accountSid,
      username: credentials.username,
      password: credentials.password,
      baseUrl,
      origin: base.origin,
      rewrittenOrigins: base.origin === GLOBAL_BASE_URL ? [] : [GLOBAL_BASE_URL],
      timeout: yield* positiveDuration(names.timeout, raw.timeout, defaults.timeout),
      maxRetries,
      retryBaseDelay: yield* positiveDuration(names.retryBaseDelay, raw.retryBaseDelay, defaults.retryBaseDelay),
      retryMaxDelay: yield* positiveDuration(names.retryMaxDelay, raw.retryMaxDelay, defaults.retryMaxDelay)
    }
  })

const redact = (value: string | Redacted.Redacted<string> | undefined) =>
  value === undefined ? Option.none() : Option.some(Redacted.isRedacted(value) ? value : Redacted.make(value))

const durationOption = (name: string, input: Duration.DurationInput | undefined) =>
  input === undefined
    ? Either.right(Option.none<Duration.Duration>())
    : Option.match(Dur.decodeUnknown(input), {
      onNone: () => invalid(name, `must be a duration such as "30 seconds", got ${JSON.stringify(input)}`),
      onSome: (duration) => Either.right(Option.some(duration))
    })

/**
 * Validates settings given in code. A bad value fails with a `ConfigError` naming the option and
 * the rule (`accountSid: AccountSid must start with "AC", got "IS"`).
 *
 * @example
 * ```ts
 * import { TwilioConfig } from "@twilio-bindings/http"
 *
 * const config = TwilioConfig.make({ accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "secret" })
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options): Either.Either<TwilioConfig, ConfigError.ConfigError> =>
  Either.gen(function*() {
    return yield* validate(optionNames, {
      accountSid: options.accountSid,
      authToken: redact(options.authToken),
      apiKey: Option.fromNullable(options.apiKey),
      apiSecret: redact(options.apiSecret),
      region: Option.fromNullable(options.region),
      edge: Option.fromNullable(options.edge),
      baseUrl: Option.fromNullable(options.baseUrl),
      timeout: yield* durationOption(optionNames.timeout, options.timeout),
      maxRetries: Option.fromNullable(options.maxRetries),
      retryBaseDelay: yield* durationOption(optionNames.retryBaseDelay, options.retryBaseDelay),
      retryMaxDelay: yield* durationOption(optionNames.retryMaxDelay, options.retryMaxDelay)
    })
  })

const env = environmentVariables

/**
 * Reads the settings from the environment (see {@link environmentVariables}): `TWILIO_ACCOUNT_SID`
 * with `TWILIO_AUTH_TOKEN`, or `TWILIO_API_KEY` + `TWILIO_API_SECRET`; optionally `TWILIO_REGION`,
 * `TWILIO_EDGE`, `TWILIO_CHAT_BASE_URL`, `TWILIO_TIMEOUT` (e.g. `10 seconds`), `TWILIO_MAX_RETRIES`,
 * `TWILIO_RETRY_BASE_DELAY`, `TWILIO_RETRY_MAX_DELAY`. Secrets are `Redacted` from the moment they
 * are read; a missing or malformed value is a `ConfigError` that names the variable.
 *
 * @since 0.1.0
 * @category Config
 */
export const config: Config.Config<TwilioConfig> = Config.all({
  accountSid: Config.string(env.accountSid),
  authToken: Config.option(Config.redacted(env.authToken)),
  apiKey: Config.option(Config.string(env.apiKey)),
  apiSecret: Config.option(Config.redacted(env.apiSecret)),
  region: Config.option(Config.string(env.region)),
  edge: Config.option(Config.string(env.edge)),
  baseUrl: Config.option(Config.string(env.baseUrl)),
  timeout: Config.option(Config.duration(env.timeout)),
  maxRetries: Config.option(Config.integer(env.maxRetries)),
  retryBaseDelay: Config.option(Config.duration(env.retryBaseDelay)),
  retryMaxDelay: Config.option(Config.duration(env.retryMaxDelay))
}).pipe(Config.mapOrFail((raw) => validate(environmentVariables, raw)))
