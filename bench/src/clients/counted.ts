/**
 * How the TypeScript benchmark clients end: the program's count of bindings left in
 * `globalThis.__benchCount` (which `src/usage.mjs` writes out at exit, and the harness checks), or its
 * error on stderr and exit code 1.
 */
import { Effect } from "effect"

/** Runs `program`, leaving its count in `globalThis.__benchCount`. */
export const runCounted = (program: Effect.Effect<number, unknown>): void => {
  Effect.runPromise(program).then(
    (count) => {
      Object.assign(globalThis, { __benchCount: count })
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`)
      process.exitCode = 1
    }
  )
}
