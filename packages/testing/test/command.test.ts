import { assert, it } from "@effect/vitest"
import { BindingPage } from "@twilio-bindings/domain"
import { Effect, Schema } from "effect"
import { spawn } from "node:child_process"
import * as Path from "node:path"
import { createInterface } from "node:readline"

const ROOT = Path.resolve(import.meta.dirname, "../../..")

const Ready = Schema.Struct({
  origin: Schema.String,
  service: Schema.String,
  account: Schema.String,
  token: Schema.String
})

/** Starts `fake-twilio` as its own process (node + tsx, as `pnpm fake-twilio` does), killed when the scope closes. */
const startCommand = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync(() =>
      spawn(process.execPath, ["--import", "tsx", "packages/testing/bin/fake-twilio.ts", ...args], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"]
      })
    ),
    (child) => Effect.sync(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"))
  )

const firstLine = (child: ReturnType<typeof spawn>) =>
  Effect.async<string, Error>((resume) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once("line", (line) => resume(Effect.succeed(line)))
    child.once("exit", (code) => resume(Effect.fail(new Error(`fake-twilio exited with ${code} before printing`))))
  })

const exited = (child: ReturnType<typeof spawn>) =>
  Effect.async<number | null | string>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.succeed(child.exitCode))
    child.once("exit", (code, signal) => resume(Effect.succeed(code ?? signal)))
  })

it.scoped(
  "fake-twilio prints one JSON line of credentials, serves pages with them, and exits on SIGTERM",
  () =>
    Effect.gen(function*() {
      const child = yield* startCommand(["--port", "0", "--count", "20", "--seed", "7"])
      const ready = yield* Schema.decode(Schema.parseJson(Ready))(yield* firstLine(child))
      assert.match(ready.origin, /^http:\/\/127\.0\.0\.1:\d+$/)

      const response = yield* Effect.promise(() =>
        fetch(`${ready.origin}/v2/Services/${ready.service}/Bindings?PageSize=50`, {
          headers: { authorization: "Basic " + Buffer.from(`${ready.account}:${ready.token}`).toString("base64") }
        })
      )
      assert.strictEqual(response.status, 200)
      const page = yield* Schema.decodeUnknown(BindingPage.BindingPage)(yield* Effect.promise(() => response.json()))
      assert.strictEqual(page.bindings.length, 20)

      child.kill("SIGTERM")
      const code = yield* exited(child).pipe(Effect.timeout("5 seconds"))
      assert.notStrictEqual(code, "SIGKILL")
    }),
  { timeout: 20_000 }
)
