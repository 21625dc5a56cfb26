/**
 * What loading Effect costs a program like `lib.ts`, before any of this library: the modules a
 * listing runs on (Effect, Layer, Stream, Schema, Schedule, a span, `@effect/platform`'s HttpClient
 * over undici) loaded and each used once, no request sent. Bundled as `lib.ts` is, it shows in the
 * startup case how much of a short program's CPU is Effect's own load, which nothing in this
 * library can remove.
 */
import { HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Schema, Stream } from "effect"

const Item = Schema.Struct({ sid: Schema.String, created: Schema.DateTimeUtc, tags: Schema.Array(Schema.String) })

const program = Effect.gen(function*() {
  yield* HttpClient.HttpClient
  const items = Stream.make({ sid: "BS1", created: "2026-01-01T00:00:00Z", tags: [] }).pipe(
    Stream.mapEffect(Schema.decodeUnknown(Item)),
    Stream.timeout("1 second")
  )
  return yield* Stream.runCount(items)
}).pipe(Effect.retry({ times: 1 }), Effect.withSpan("effect-alone"))

Effect.runPromise(Effect.provide(program, NodeHttpClient.layerUndici)).then(
  (count) => {
    if (count !== 1) process.exitCode = 1
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exitCode = 1
  }
)
