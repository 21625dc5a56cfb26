import { HttpClient, HttpClientRequest } from "@effect/platform"
import type { Binding } from "@twilio-bindings/domain"
import { Effect } from "effect"
import * as FakeTwilio from "../src/FakeTwilio.js"

export interface Page {
  readonly meta: {
    readonly url: string
    readonly first_page_url: string
    readonly next_page_url: string | null
    readonly previous_page_url: string | null
    readonly page: number
    readonly page_size: number
    readonly key: string
  }
  readonly bindings: ReadonlyArray<Binding.BindingWire>
}

/** GET with the fake's credentials (or none / others); the status, headers and JSON body. */
export const get = (url: string, auth: "account" | "none" | readonly [string, string] = "account") =>
  Effect.gen(function*() {
    const fake = yield* FakeTwilio.FakeTwilio
    let request = HttpClientRequest.get(url)
    if (auth === "account") {
      request = HttpClientRequest.basicAuth(request, fake.accountSid, fake.authToken)
    } else if (auth !== "none") {
      request = HttpClientRequest.basicAuth(request, auth[0], auth[1])
    }
    const response = yield* HttpClient.execute(request)
    const json: unknown = yield* response.json
    return { status: response.status, headers: response.headers, json }
  })

/** Follows `next_page_url` verbatim from a first URL; every page, in order. */
export const pages = (firstUrl: string) =>
  Effect.gen(function*() {
    const out: Array<Page> = []
    let url: string | null = firstUrl
    while (url !== null) {
      const { json, status } = yield* get(url)
      if (status !== 200) return yield* Effect.dieMessage(`status ${status} for ${url}: ${JSON.stringify(json)}`)
      const page = json as Page
      out.push(page)
      url = page.meta.next_page_url
    }
    return out
  })

/** Any method with the fake's credentials; the status, headers and body text. */
export const send = (method: "GET" | "DELETE" | "POST", url: string) =>
  Effect.gen(function*() {
    const fake = yield* FakeTwilio.FakeTwilio
    const request = HttpClientRequest.basicAuth(HttpClientRequest.make(method)(url), fake.accountSid, fake.authToken)
    const response = yield* HttpClient.execute(request)
    return { status: response.status, headers: response.headers, text: yield* response.text }
  })
