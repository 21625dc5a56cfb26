/**
 * The floor's loop as an Effect program on `@effect/platform`'s HttpClient: each page requested, its
 * text read and `JSON.parse`d, `next_page_url` followed; nothing validated, no span, no retry. With
 * TIMEOUT=1 each request runs under `Effect.timeout`, as the library's attempts do; with MODE=export
 * each page's bindings are written to stdout as JSON lines, one write per page, as the export floor
 * does; given `isValidPage`, each page is first checked with it (the validating entries pass the
 * library's own check). What any program built on Effect's HttpClient pays before it does any work of
 * its own: the rows that say how close to the floors such a library, or the CLI, can come. Each entry
 * (`effect-floor.ts` on undici, as `lib.ts`; `effect-floor-node-http.ts` on node:http, as
 * `lib-node-http.ts` and the CLI; each also `-validating`, checking each page) gives it a transport
 * and is bundled on its own.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type { Layer } from "effect"
import { Effect } from "effect"
import { runCounted } from "./counted.js"

interface Page {
  readonly bindings: ReadonlyArray<unknown>
  readonly meta: { readonly next_page_url: string | null }
}

/** Runs the loop that the environment describes on `transport`, leaving its count in `globalThis.__benchCount`. */
export const runEffectFloor = (
  transport: Layer.Layer<HttpClient.HttpClient>,
  isValidPage?: (page: unknown) => boolean
): void => {
  const env = (name: string) => process.env[name] ?? ""
  const limit = env("LIMIT") === "" ? Infinity : Number(env("LIMIT"))
  const withTimeout = env("TIMEOUT") === "1"
  const exporting = env("MODE") === "export"
  const authorization = `Basic ${Buffer.from(`${env("ACCOUNT")}:${env("TOKEN")}`).toString("base64")}`
  const first = `${env("ORIGIN")}/v2/Services/${env("SERVICE")}/Bindings?PageSize=${env("PAGE_SIZE")}`

  const program = Effect.gen(function*() {
    const client = HttpClient.filterStatusOk(yield* HttpClient.HttpClient)
    let url: string | null = first
    let count = 0
    while (url !== null && count < limit) {
      const request = HttpClientRequest.get(url, { headers: { authorization, accept: "application/json" } })
      const exchange = Effect.flatMap(client.execute(request), (response) => response.text)
      const text = yield* (withTimeout ? Effect.timeout(exchange, "10 seconds") : exchange)
      const page = JSON.parse(text) as Page
      if (isValidPage !== undefined && !isValidPage(page)) return yield* Effect.dieMessage(`an invalid page: ${url}`)
      count += Math.min(page.bindings.length, limit - count)
      if (exporting) {
        let lines = ""
        for (const binding of page.bindings) lines += JSON.stringify(binding) + "\n"
        // awaited as the export floor awaits "drain": the written text is handed to the system first
        yield* Effect.async<void>((resume) => {
          process.stdout.write(lines, () => resume(Effect.void))
        })
      }
      url = page.meta.next_page_url
    }
    return count
  })

  runCounted(Effect.provide(program, transport))
}
