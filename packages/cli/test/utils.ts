import { NodeContext } from "@effect/platform-node"
import type { Binding } from "@twilio-bindings/domain"
import { FakeTwilio, Generators } from "@twilio-bindings/testing"
import { ConfigProvider, Effect, Redacted } from "effect"
import { BindingsCommand, Stdio } from "../src/index.js"

/** The variables that point the command at a fake, with its credentials. */
export const credentialsOf = (fake: FakeTwilio.FakeTwilio.Service): Record<string, string> => ({
  TWILIO_ACCOUNT_SID: fake.accountSid,
  TWILIO_AUTH_TOKEN: Redacted.value(fake.authToken),
  TWILIO_CHAT_BASE_URL: fake.origin,
  TWILIO_CONVERSATIONS_BASE_URL: fake.origin
})

export interface InProcessOptions {
  readonly stdio?: Stdio.MemoryOptions
  /** The in-memory stdout and stderr to use, to read them even when the run is interrupted. */
  readonly memory?: Stdio.Memory
  /** The environment the command reads; default: the fake's credentials and origin. */
  readonly env?: (fake: FakeTwilio.FakeTwilio.Service) => Record<string, string>
}

/** Runs `bindings <args>` in-process against the `FakeTwilio` in context, with an in-memory stdout and stderr. */
export const runInProcess = (args: ReadonlyArray<string>, options: InProcessOptions = {}) =>
  Effect.gen(function*() {
    const fake = yield* FakeTwilio.FakeTwilio
    const memory = options.memory ?? Stdio.memory(options.stdio)
    const env = (options.env ?? credentialsOf)(fake)
    const exitCode = yield* BindingsCommand.run(["node", "bindings", ...args]).pipe(
      Effect.provide(memory.layer),
      Effect.provide(NodeContext.layer),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
    )
    return {
      exitCode,
      stdout: memory.stdout(),
      stderr: memory.stderr(),
      writes: memory.stdoutWrites,
      requests: yield* fake.requests,
      fake
    }
  })

/** The lines of a JSONL text, parsed. */
export const jsonLines = (text: string): Array<unknown> =>
  text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line))

/** Bindings whose identities need CSV quoting: commas, quotes, CR/LF, and a leading space. */
export const awkwardBindings = (serviceSid: string): ReadonlyArray<Binding.BindingWire> => {
  const identities = ["a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", " padded ", "", "plain", "tab\there"]
  return Generators.generateBindings({ seed: 11, count: identities.length, serviceSid }).map((binding, i) => ({
    ...binding,
    identity: identities[i]!
  }))
}
