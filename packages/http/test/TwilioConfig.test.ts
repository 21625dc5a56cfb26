import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Config, ConfigError, ConfigProvider, Duration, Effect, Either, Layer, Redacted } from "effect"
import { readFileSync } from "node:fs"
import { TwilioConfig, TwilioHttpClient } from "../src/index.js"
import { VERSION } from "../src/internal/version.js"
import { ACCOUNT_SID, AUTH_TOKEN } from "./fixtures/transport.js"

const fromEnv = (env: Record<string, string>) =>
  Effect.withConfigProvider(TwilioConfig.config(), ConfigProvider.fromMap(new Map(Object.entries(env))))

/** The failure as a user sees it: the one line of `describeError`, and the whole error's text. */
const failureOf = (env: Record<string, string>) =>
  Effect.map(Effect.flip(fromEnv(env)), (error) => `${TwilioConfig.describeError(error)}\n${String(error)}`)

const lineOf = (env: Record<string, string>) =>
  Effect.map(Effect.flip(fromEnv(env)), (error) => TwilioConfig.describeError(error))

const codeError = (options: Partial<TwilioConfig.Options>) =>
  Either.getOrThrow(Either.flip(TwilioConfig.make({ ...codeBase, ...options })))

const base = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN }
const codeBase = { accountSid: ACCOUNT_SID, authToken: Redacted.make(AUTH_TOKEN) }

describe("TwilioConfig", () => {
  describe("from the environment", () => {
    it.effect("reads the account SID and auth token, with defaults for the rest", () =>
      Effect.gen(function*() {
        const config = yield* fromEnv(base)
        assert.strictEqual(config.accountSid, ACCOUNT_SID)
        assert.strictEqual(config.username, ACCOUNT_SID)
        assert.strictEqual(Redacted.value(config.password), AUTH_TOKEN)
        assert.strictEqual(config.endpoints.chat.baseUrl, "https://chat.twilio.com")
        assert.strictEqual(config.endpoints.conversations.baseUrl, "https://conversations.twilio.com")
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
        assert.strictEqual(config.endpoints.chat.baseUrl, "https://chat.sydney.au1.twilio.com")
        assert.strictEqual(config.endpoints.conversations.baseUrl, "https://conversations.sydney.au1.twilio.com")
        assert.deepStrictEqual(config.endpoints.conversations.rewrittenOrigins, ["https://conversations.twilio.com"])
        const local = yield* fromEnv({ ...base, TWILIO_CHAT_BASE_URL: "http://127.0.0.1:4010/" })
        assert.strictEqual(local.endpoints.chat.baseUrl, "http://127.0.0.1:4010")
        assert.strictEqual(local.endpoints.chat.origin, "http://127.0.0.1:4010")
        // each product has its own setting: the Chat one does not move Conversations
        assert.strictEqual(local.endpoints.conversations.origin, "https://conversations.twilio.com")
        const both = yield* fromEnv({ ...base, TWILIO_CONVERSATIONS_BASE_URL: "http://127.0.0.1:4011/v" })
        assert.strictEqual(both.endpoints.conversations.baseUrl, "http://127.0.0.1:4011/v")
        assert.strictEqual(both.endpoints.chat.origin, "https://chat.twilio.com")
      }))

    const bad: ReadonlyArray<[env: Record<string, string>, variable: string, rule: string]> = [
      [{ TWILIO_AUTH_TOKEN: AUTH_TOKEN }, "TWILIO_ACCOUNT_SID", "TWILIO_ACCOUNT_SID is not set"],
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
      [
        { ...base, TWILIO_TIMEOUT: "soon" },
        "TWILIO_TIMEOUT",
        "TWILIO_TIMEOUT must be a positive duration such as \"30 seconds\", got \"soon\""
      ],
      [{ ...base, TWILIO_TIMEOUT: "0 seconds" }, "TWILIO_TIMEOUT", "must be a positive duration"],
      [
        { ...base, TWILIO_MAX_RETRIES: "many" },
        "TWILIO_MAX_RETRIES",
        "TWILIO_MAX_RETRIES must be a whole number from 0 to 1000, got \"many\""
      ],
      [
        { ...base, TWILIO_MAX_RETRIES: "-1" },
        "TWILIO_MAX_RETRIES",
        "must be a whole number from 0 to 1000, got \"-1\""
      ],
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

  describe("messages", () => {
    it.effect("name the variable and the rule for a max retries that is not a whole number", () =>
      Effect.gen(function*() {
        for (const typed of ["lots", "1.5"]) {
          assert.strictEqual(
            yield* lineOf({ ...base, TWILIO_MAX_RETRIES: typed }),
            `TWILIO_MAX_RETRIES must be a whole number from 0 to 1000, got ${JSON.stringify(typed)}`
          )
        }
      }))

    it.effect("hold the environment and the code to one rule for max retries: 0 to 1000", () =>
      Effect.gen(function*() {
        assert.strictEqual(
          yield* lineOf({ ...base, TWILIO_MAX_RETRIES: "2000" }),
          "TWILIO_MAX_RETRIES must be a whole number from 0 to 1000, got \"2000\""
        )
        assert.strictEqual(
          TwilioConfig.describeError(codeError({ maxRetries: 2000 })),
          "maxRetries must be a whole number from 0 to 1000, got 2000"
        )
        assert.strictEqual((yield* fromEnv({ ...base, TWILIO_MAX_RETRIES: "1000" })).maxRetries, 1000)
        assert.strictEqual((yield* fromEnv({ ...base, TWILIO_MAX_RETRIES: "0" })).maxRetries, 0)
        assert.strictEqual(Either.getOrThrow(TwilioConfig.make({ ...codeBase, maxRetries: 1000 })).maxRetries, 1000)
      }))

    it.effect("echo the value as it was typed", () =>
      Effect.gen(function*() {
        assert.strictEqual(
          yield* lineOf({ ...base, TWILIO_TIMEOUT: "-5 seconds" }),
          "TWILIO_TIMEOUT must be a positive duration such as \"30 seconds\", got \"-5 seconds\""
        )
        assert.strictEqual(
          yield* lineOf({ ...base, TWILIO_CHAT_BASE_URL: "file:///etc/passwd" }),
          "TWILIO_CHAT_BASE_URL must use https (http only on a loopback host), got \"file:///etc/passwd\""
        )
        assert.strictEqual(
          TwilioConfig.describeError(codeError({ maxRetries: "5" as never })),
          "maxRetries must be a whole number from 0 to 1000, got \"5\""
        )
      }))

    it.effect("echo at most 100 characters of a long value, so the message stays one readable line", () =>
      Effect.gen(function*() {
        const long = "x".repeat(10_000)
        const cut = JSON.stringify(`${"x".repeat(99)}…`)
        for (const variable of ["TWILIO_TIMEOUT", "TWILIO_MAX_RETRIES", "TWILIO_REGION", "TWILIO_EDGE"]) {
          const line = yield* lineOf({ ...base, [variable]: long })
          assert.isTrue(line.startsWith(`${variable} must be`), line)
          assert.isTrue(line.endsWith(`, got ${cut}`), line)
        }
        assert.isTrue((yield* lineOf({ ...base, TWILIO_CHAT_BASE_URL: `http://${long}.com` })).length < 200)
      }))

    it.effect("never echo a token pasted into TWILIO_ACCOUNT_SID", () =>
      Effect.gen(function*() {
        for (const pasted of [AUTH_TOKEN, "0123456789abcdef0123456789abcdef", "AC0123456789abcdef0123456789abcdeg"]) {
          const message = yield* failureOf({ ...base, TWILIO_ACCOUNT_SID: pasted })
          assert.include(message, "TWILIO_ACCOUNT_SID AccountSid must")
          assert.notInclude(message, pasted)
          assert.notInclude(message, pasted.slice(4, 20))
        }
        assert.notInclude(TwilioConfig.describeError(codeError({ accountSid: AUTH_TOKEN })), AUTH_TOKEN)
      }))

    it.effect("refuse a secret pasted with a space or a line break around it, without echoing it", () =>
      Effect.gen(function*() {
        for (const token of [`${AUTH_TOKEN}\n`, ` ${AUTH_TOKEN}`]) {
          const message = yield* failureOf({ ...base, TWILIO_AUTH_TOKEN: token })
          assert.include(message, "TWILIO_AUTH_TOKEN must not begin or end with a space or a line break")
          assert.notInclude(message, AUTH_TOKEN)
        }
        assert.strictEqual(
          TwilioConfig.describeError(codeError({ authToken: Redacted.make(`${AUTH_TOKEN} `) })),
          "authToken must not begin or end with a space or a line break"
        )
      }))

    it.effect("never echo a secret, even one that breaks a rule", () =>
      Effect.gen(function*() {
        const message = yield* failureOf({
          TWILIO_ACCOUNT_SID: ACCOUNT_SID,
          TWILIO_API_KEY: "SK0123456789abcdef0123456789abcdef",
          TWILIO_API_SECRET: ""
        })
        assert.include(message, "TWILIO_API_SECRET must not be empty")
      }))
  })

  describe("base URL", () => {
    const rules: ReadonlyArray<[url: string, rule: string]> = [
      ["https://user@chat.example.com", "must not carry credentials"],
      ["https://:secret@chat.example.com", "must not carry credentials"],
      ["https://chat.example.com/?region=au1", "must not have a query or a fragment"],
      ["https://chat.example.com/#top", "must not have a query or a fragment"],
      ["ftp://localhost/chat", "must use https (http only on a loopback host), got \"ftp://localhost/chat\""]
    ]
    for (const [url, rule] of rules) {
      it.effect(`refuses ${url}: it ${rule.split(",")[0]}`, () =>
        Effect.gen(function*() {
          assert.strictEqual(yield* lineOf({ ...base, TWILIO_CHAT_BASE_URL: url }), `TWILIO_CHAT_BASE_URL ${rule}`)
          assert.strictEqual(
            yield* lineOf({ ...base, TWILIO_CONVERSATIONS_BASE_URL: url }),
            `TWILIO_CONVERSATIONS_BASE_URL ${rule}`
          )
          assert.strictEqual(TwilioConfig.describeError(codeError({ chatBaseUrl: url })), `chatBaseUrl ${rule}`)
          assert.strictEqual(
            TwilioConfig.describeError(codeError({ conversationsBaseUrl: url })),
            `conversationsBaseUrl ${rule}`
          )
        }))
    }

    it("accepts https on any host, and rewrites the global origin onto it", () => {
      const config = Either.getOrThrow(
        TwilioConfig.make({
          ...codeBase,
          chatBaseUrl: "https://twilio-proxy.example.com",
          conversationsBaseUrl: "https://twilio-proxy.example.com/conversations"
        })
      )
      assert.strictEqual(config.endpoints.chat.origin, "https://twilio-proxy.example.com")
      assert.deepStrictEqual(config.endpoints.chat.rewrittenOrigins, ["https://chat.twilio.com"])
      assert.strictEqual(config.endpoints.conversations.baseUrl, "https://twilio-proxy.example.com/conversations")
      assert.deepStrictEqual(config.endpoints.conversations.rewrittenOrigins, ["https://conversations.twilio.com"])
    })

    it("rewrites no origin when the configured one is the global one", () => {
      const config = Either.getOrThrow(TwilioConfig.make(codeBase))
      assert.strictEqual(config.endpoints.chat.origin, "https://chat.twilio.com")
      assert.deepStrictEqual(config.endpoints.chat.rewrittenOrigins, [])
      assert.deepStrictEqual(config.endpoints.conversations.rewrittenOrigins, [])
    })
  })

  describe("region and edge", () => {
    it("accept a hostname label of 1 to 63 characters", () => {
      for (const label of ["a", "7", "a".repeat(63)]) {
        const config = Either.getOrThrow(TwilioConfig.make({ ...codeBase, region: label }))
        assert.strictEqual(config.endpoints.chat.baseUrl, `https://chat.${label}.twilio.com`)
      }
      assert.strictEqual(
        TwilioConfig.describeError(codeError({ edge: "a".repeat(64) })),
        `edge must be a hostname label such as "sydney" or "au1", got ${JSON.stringify("a".repeat(64))}`
      )
    })
  })

  describe("loopback", () => {
    for (
      const url of [
        "http://127.0.0.2",
        "http://127.255.0.1:8080",
        "http://127.0.10.1",
        "http://127.0.0.10",
        "http://127.1",
        "http://[::1]:4010",
        "http://localhost:1"
      ]
    ) {
      it.effect(`accepts http on the loopback host ${url}`, () =>
        Effect.gen(function*() {
          const config = yield* fromEnv({ ...base, TWILIO_CHAT_BASE_URL: url })
          assert.strictEqual(config.endpoints.chat.origin, new URL(url).origin)
        }))
    }

    for (
      const url of [
        "http://128.0.0.1",
        "http://127.0.0.1.evil.example",
        "http://[::2]",
        "http://localhost.evil.example"
      ]
    ) {
      it.effect(`refuses http on ${url}, which is not loopback`, () =>
        Effect.gen(function*() {
          assert.include(
            yield* lineOf({ ...base, TWILIO_CHAT_BASE_URL: url }),
            "must use https (http only on a loopback host)"
          )
        }))
    }
  })

  describe("from any Config", () => {
    it.effect("takes a setting from elsewhere in place of its variable, which is then not read", () =>
      Effect.gen(function*() {
        const config = yield* Effect.withConfigProvider(
          TwilioConfig.config({ ...TwilioConfig.environment, maxRetries: Config.succeed(2) }),
          ConfigProvider.fromMap(new Map(Object.entries({ ...base, TWILIO_MAX_RETRIES: "lots" })))
        )
        assert.strictEqual(config.maxRetries, 2)
        assert.strictEqual(config.username, ACCOUNT_SID)
      }))

    it.effect("checks settings of any Config by the rules of make, naming the option", () =>
      Effect.gen(function*() {
        const config = TwilioConfig.config({
          accountSid: Config.succeed(ACCOUNT_SID),
          authToken: Config.succeed(Redacted.make(AUTH_TOKEN)),
          maxRetries: Config.succeed(1001)
        })
        const error = yield* Effect.flip(Effect.withConfigProvider(config, ConfigProvider.fromMap(new Map())))
        assert.strictEqual(
          TwilioConfig.describeError(error),
          "maxRetries must be a whole number from 0 to 1000, got 1001"
        )
      }))
  })

  describe("in code", () => {
    it("validates options and names the option", () => {
      const error = codeError({ accountSid: "AC123" })
      assert.isTrue(ConfigError.isConfigError(error))
      assert.include(TwilioConfig.describeError(error), "accountSid AccountSid must be 34 characters")
      assert.strictEqual(
        TwilioConfig.describeError(codeError({ timeout: "later" as never })),
        "timeout must be a positive duration such as \"30 seconds\", got \"later\""
      )
    })

    it("requires the API secret with an API key, and names the key's rule", () => {
      const apiKey = "SK0123456789abcdef0123456789abcdef"
      assert.strictEqual(
        TwilioConfig.describeError(codeError({ authToken: undefined, apiKey })),
        "apiSecret is required with apiKey"
      )
      assert.strictEqual(
        TwilioConfig.describeError(codeError({ apiKey: ACCOUNT_SID, apiSecret: Redacted.make("x") })),
        "apiKey ApiKeySid must start with \"SK\", got \"AC\""
      )
    })

    it("applies Twilio's hostname rule for region and edge", () => {
      assert.strictEqual(TwilioConfig.baseUrlOf("chat"), "https://chat.twilio.com")
      assert.strictEqual(TwilioConfig.baseUrlOf("chat", { region: "ie1" }), "https://chat.ie1.twilio.com")
      assert.strictEqual(TwilioConfig.baseUrlOf("chat", { edge: "sydney" }), "https://chat.sydney.us1.twilio.com")
      assert.strictEqual(
        TwilioConfig.baseUrlOf("chat", { edge: "sydney", region: "au1" }),
        "https://chat.sydney.au1.twilio.com"
      )
      assert.strictEqual(TwilioConfig.baseUrlOf("conversations"), "https://conversations.twilio.com")
      assert.strictEqual(
        TwilioConfig.baseUrlOf("conversations", { edge: "dublin" }),
        "https://conversations.dublin.us1.twilio.com"
      )
    })

    it.effect("fails the layer with the ConfigError, before any request", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          Layer.build(TwilioHttpClient.layer({ accountSid: ACCOUNT_SID }).pipe(Layer.provide(FetchHttpClient.layer)))
        )
        assert.strictEqual(TwilioConfig.describeError(error), "authToken is required (or apiKey and apiSecret)")
      }).pipe(Effect.scoped))
  })

  describe("describeError", () => {
    it("tells the first of several failures, in one line", () => {
      const first = ConfigError.InvalidData(["TWILIO_TIMEOUT"], "must be a positive duration")
      const second = ConfigError.MissingData(["TWILIO_AUTH_TOKEN"], "is required")
      for (const both of [ConfigError.And(first, second), ConfigError.Or(first, second)]) {
        assert.strictEqual(TwilioConfig.describeError(both), "TWILIO_TIMEOUT must be a positive duration")
      }
    })
  })

  it("sends the version of package.json in the User-Agent", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    assert.strictEqual(VERSION, pkg.version)
    assert.include(TwilioHttpClient.USER_AGENT, `twilio-bindings/${pkg.version}`)
  })
})
