import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { ConfigError, ConfigProvider, Duration, Effect, Either, Layer, Redacted } from "effect"
import { readFileSync } from "node:fs"
import { TwilioConfig, TwilioHttpClient } from "../src/index.js"
import { VERSION } from "../src/internal/version.js"
import { ACCOUNT_SID, AUTH_TOKEN } from "./fixtures/transport.js"

const fromEnv = (env: Record<string, string>) =>
  Effect.withConfigProvider(TwilioConfig.config, ConfigProvider.fromMap(new Map(Object.entries(env))))

const failureOf = (env: Record<string, string>) => Effect.map(Effect.flip(fromEnv(env)), (error) => String(error))

const base = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN }

describe("TwilioConfig", () => {
  describe("from the environment", () => {
    it.effect("reads the account SID and auth token, with defaults for the rest", () =>
      Effect.gen(function*() {
        const config = yield* fromEnv(base)
        assert.strictEqual(config.accountSid, ACCOUNT_SID)
        assert.strictEqual(config.username, ACCOUNT_SID)
        assert.strictEqual(Redacted.value(config.password), AUTH_TOKEN)
        assert.strictEqual(config.baseUrl, "https://chat.twilio.com")
        assert.isTrue(Duration.equals(config.timeout, Duration.seconds(30)))
        assert.strictEqual(config.maxRetries, 5)
      }))

    it.effect("keeps the token redacted when the config is printed", () =>
      Effect.gen(function*() {
        const config = yield* fromEnv(base)
        assert.notInclude(JSON.stringify(config), AUTH_TOKEN)
        assert.notInclude(String(config.password), AUTH_TOKEN)
      }))

    it.effect("reads an API key and secret", () =>
      Effect.gen(function*() {
        const config = yield* fromEnv({
          TWILIO_ACCOUNT_SID: ACCOUNT_SID,
          TWILIO_API_KEY: "SK0123456789abcdef0123456789abcdef",
          TWILIO_API_SECRET: "api-secret"
        })
        assert.strictEqual(config.username, "SK0123456789abcdef0123456789abcdef")
        assert.strictEqual(Redacted.value(config.password), "api-secret")
      }))

    it.effect("does not echo a malformed base URL, which may hold a pasted secret", () =>
      Effect.gen(function*() {
        const message = yield* failureOf({ ...base, TWILIO_CHAT_BASE_URL: "hunter2-secret not a url" })
        assert.include(message, "TWILIO_CHAT_BASE_URL must be an absolute URL")
        assert.notInclude(message, "hunter2")
      }))

    it.effect("reads timeout, retries, region, edge and base URL", () =>
      Effect.gen(function*() {
        const config = yield* fromEnv({
          ...base,
          TWILIO_TIMEOUT: "10 seconds",
          TWILIO_MAX_RETRIES: "2",
          TWILIO_REGION: "au1",
          TWILIO_EDGE: "sydney"
        })
        assert.isTrue(Duration.equals(config.timeout, Duration.seconds(10)))
        assert.strictEqual(config.maxRetries, 2)
        assert.strictEqual(config.baseUrl, "https://chat.sydney.au1.twilio.com")
        const local = yield* fromEnv({ ...base, TWILIO_CHAT_BASE_URL: "http://127.0.0.1:4010/" })
        assert.strictEqual(local.baseUrl, "http://127.0.0.1:4010")
        assert.strictEqual(local.origin, "http://127.0.0.1:4010")
      }))

    const bad: ReadonlyArray<[env: Record<string, string>, variable: string, rule: string]> = [
      [{ TWILIO_AUTH_TOKEN: AUTH_TOKEN }, "TWILIO_ACCOUNT_SID", ""],
      [
        { ...base, TWILIO_ACCOUNT_SID: "IS0123456789abcdef0123456789abcdef" },
        "TWILIO_ACCOUNT_SID",
        "must start with \"AC\""
      ],
      [
        { TWILIO_ACCOUNT_SID: ACCOUNT_SID },
        "TWILIO_AUTH_TOKEN",
        "is required (or TWILIO_API_KEY and TWILIO_API_SECRET)"
      ],
      [{ ...base, TWILIO_AUTH_TOKEN: "" }, "TWILIO_AUTH_TOKEN", "must not be empty"],
      [
        { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_API_KEY: "SK0123456789abcdef0123456789abcdef" },
        "TWILIO_API_SECRET",
        "is required with TWILIO_API_KEY"
      ],
      [
        { ...base, TWILIO_API_KEY: "AC0123456789abcdef0123456789abcdef", TWILIO_API_SECRET: "x" },
        "TWILIO_API_KEY",
        "must start with \"SK\""
      ],
      [{ ...base, TWILIO_TIMEOUT: "soon" }, "TWILIO_TIMEOUT", ""],
      [{ ...base, TWILIO_TIMEOUT: "0 seconds" }, "TWILIO_TIMEOUT", "must be a positive duration"],
      [{ ...base, TWILIO_MAX_RETRIES: "many" }, "TWILIO_MAX_RETRIES", ""],
      [{ ...base, TWILIO_MAX_RETRIES: "-1" }, "TWILIO_MAX_RETRIES", "must be a whole number >= 0"],
      [{ ...base, TWILIO_REGION: "au1.evil.com/" }, "TWILIO_REGION", "must be a hostname label"],
      [{ ...base, TWILIO_CHAT_BASE_URL: "chat.twilio.com" }, "TWILIO_CHAT_BASE_URL", "must be an absolute URL"],
      [{ ...base, TWILIO_CHAT_BASE_URL: "http://chat.example.com" }, "TWILIO_CHAT_BASE_URL", "must use https"],
      [
        { ...base, TWILIO_CHAT_BASE_URL: "https://u:p@chat.example.com" },
        "TWILIO_CHAT_BASE_URL",
        "must not carry credentials"
      ]
    ]
    for (const [env, variable, rule] of bad) {
      it.effect(`rejects ${JSON.stringify(env).replaceAll(AUTH_TOKEN, "…")} naming ${variable}`, () =>
        Effect.gen(function*() {
          const message = yield* failureOf(env)
          assert.include(message, variable)
          assert.include(message, rule)
          assert.notInclude(message, AUTH_TOKEN)
        }))
    }
  })

  describe("in code", () => {
    it("validates options and names the option", () => {
      const result = TwilioConfig.make({ accountSid: "AC123", authToken: "x" })
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) {
        assert.isTrue(ConfigError.isConfigError(result.left))
        assert.include(String(result.left), "accountSid: AccountSid must be 34 characters")
      }
      const timeout = TwilioConfig.make({ accountSid: ACCOUNT_SID, authToken: "x", timeout: "later" as never })
      assert.include(String(Either.flip(timeout).pipe(Either.getOrThrow)), "timeout must be a duration")
    })

    it("applies Twilio's hostname rule for region and edge", () => {
      assert.strictEqual(TwilioConfig.chatBaseUrl({}), "https://chat.twilio.com")
      assert.strictEqual(TwilioConfig.chatBaseUrl({ region: "ie1" }), "https://chat.ie1.twilio.com")
      assert.strictEqual(TwilioConfig.chatBaseUrl({ edge: "sydney" }), "https://chat.sydney.us1.twilio.com")
      assert.strictEqual(
        TwilioConfig.chatBaseUrl({ edge: "sydney", region: "au1" }),
        "https://chat.sydney.au1.twilio.com"
      )
    })

    it.effect("fails the layer with the ConfigError, before any request", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          Layer.build(TwilioHttpClient.layer({ accountSid: ACCOUNT_SID }).pipe(Layer.provide(FetchHttpClient.layer)))
        )
        assert.include(String(error), "authToken is required")
      }).pipe(Effect.scoped))
  })

  it("sends the version of package.json in the User-Agent", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    assert.strictEqual(VERSION, pkg.version)
    assert.include(TwilioHttpClient.USER_AGENT, `twilio-bindings/${pkg.version}`)
  })
})
