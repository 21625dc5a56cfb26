import { assert, describe, it } from "@effect/vitest"
import * as Report from "../src/internal/report.js"

describe("error lines", () => {
  it("never show a URL with the user and password it carried", () => {
    const line = Report.formatLine(
      "refused http://user:hunter2@127.0.0.1:9/v2/x and HTTPS://only-user@chat.twilio.com/y, kept a@b.example"
    )
    assert.strictEqual(
      line,
      "bindings: refused http://127.0.0.1:9/v2/x and HTTPS://chat.twilio.com/y, kept a@b.example\n"
    )
  })

  it("stay on one line whatever the text holds", () => {
    assert.strictEqual(Report.formatLine("two\nlines\u001b[31m"), "bindings: two\\nlines\\u001b[31m\n")
  })

  it("show bidirectional and C1 controls escaped, so a value cannot reorder or restyle the line", () => {
    assert.strictEqual(
      Report.formatLine("invalid --identity: \u202egnp.exe \u009b31m"),
      "bindings: invalid --identity: \\u202egnp.exe \\u009b31m\n"
    )
  })
})
