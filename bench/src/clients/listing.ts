/**
 * The program of the library's benchmark clients: `Bindings.stream` run to completion
 * (`Stream.runCount`), or, with CONSUMER_MS, `Bindings.pages` with a consumer that spends that long
 * on each page; with LIMIT, the stream's `limit` (the startup case lists 10). Each client entry
 * (`lib.ts`, `lib-node-http.ts`) gives it a transport and is bundled with esbuild on its own, as an
 * application would ship it, so a bundle holds only its own transport.
 */
import type { HttpClient } from "@effect/platform"
import { TwilioHttpClient } from "@twilio-bindings/http"
import { Bindings } from "@twilio-bindings/stream"
import { Effect, Layer, Redacted, Stream } from "effect"
import { runCounted } from "./counted.js"

/** Runs the listing that the environment describes on `transport`, leaving its count in `globalThis.__benchCount`. */
export const runListing = (transport: Layer.Layer<HttpClient.HttpClient>): void => {
  const env = (name: string) => process.env[name] ?? ""
  const pageSize = Number(env("PAGE_SIZE"))
  const prefetch = Number(env("PREFETCH") || "0")
  const consumerMs = Number(env("CONSUMER_MS") || "0")
  const service = env("SERVICE")
  const limit = env("LIMIT") === "" ? undefined : Number(env("LIMIT"))

  const listing = consumerMs > 0
    ? Bindings.pages(service, { pageSize }, { prefetch }).pipe(
      Stream.mapEffect((page) => Effect.as(Effect.sleep(consumerMs), page.bindings.length)),
      Stream.runFold(0, (total, n) => total + n)
    )
    : Stream.runCount(Bindings.stream(service, { pageSize }, { prefetch, limit }))

  const MainLayer = Bindings.layer.pipe(
    Layer.provide(
      TwilioHttpClient.layer({
        accountSid: env("ACCOUNT"),
        authToken: Redacted.make(env("TOKEN")),
        chatBaseUrl: env("ORIGIN")
      })
    ),
    Layer.provide(transport)
  )

  runCounted(Effect.provide(listing, MainLayer))
}
