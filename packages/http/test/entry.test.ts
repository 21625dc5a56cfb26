import { assert, describe, it } from "@effect/vitest"
import { Either, Redacted } from "effect"

// Imported inside the test, not at the top of the file: an error in the modules' top-level code (the
// schemas of the rules, the metric, the service tag) then fails this test, where a static import
// would fail the file before any test ran, and a runner counting failed tests would count none.
describe("the package entry point", () => {
  it("loads, with the rules of every setting in force", async () => {
    const { TwilioConfig } = await import("../src/index.js")
    const accountSid = "AC0123456789abcdef0123456789abcdef"
    const line = (options: Parameters<typeof TwilioConfig.make>[0]) =>
      Either.match(TwilioConfig.make(options), { onLeft: TwilioConfig.describeError, onRight: () => "accepted" })
    assert.strictEqual(line({ accountSid, authToken: Redacted.make("") }), "authToken must not be empty")
    assert.strictEqual(
      line({ accountSid, authToken: Redacted.make(" token") }),
      "authToken must not begin or end with a space or a line break"
    )
    assert.strictEqual(line({ accountSid }), "authToken is required (or apiKey and apiSecret)")
    assert.strictEqual(
      line({ accountSid, authToken: Redacted.make("token"), chatBaseUrl: "http://chat.example.com" }),
      "chatBaseUrl must use https (http only on a loopback host), got \"http://chat.example.com\""
    )
    assert.strictEqual(
      line({ accountSid, authToken: Redacted.make("token"), timeout: 0 }),
      "timeout must be a positive duration such as \"30 seconds\", got 0"
    )
    assert.strictEqual(line({ accountSid, authToken: Redacted.make("token") }), "accepted")
  })
})
