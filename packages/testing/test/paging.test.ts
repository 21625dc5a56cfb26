import { assert, describe, layer } from "@effect/vitest"
import type { Binding, BindingType } from "@twilio-bindings/domain"
import { Effect } from "effect"
import * as FakeTwilio from "../src/FakeTwilio.js"
import { get, pages } from "./utils.js"

const COUNT = 57
const PAGE_SIZES = [1, 2, 3, 4, 5, 6, 7, 1000]

const sids = (bindings: ReadonlyArray<Binding.BindingWire>) => bindings.map((binding) => binding.sid)

/** An independent filter: OR within a key, AND across keys. */
const independentFilter = (
  bindings: ReadonlyArray<Binding.BindingWire>,
  bindingType: ReadonlyArray<string>,
  identity: ReadonlyArray<string>
) =>
  bindings.filter((binding) =>
    (bindingType.length === 0 || bindingType.includes(binding.binding_type)) &&
    (identity.length === 0 || (binding.identity !== null && identity.includes(binding.identity)))
  )

layer(FakeTwilio.layer({ services: [{ seed: 3, count: COUNT }] }))("paging a generated store", (it) => {
  for (const pageSize of PAGE_SIZES) {
    it.effect(`following next_page_url with PageSize ${pageSize} visits every binding once, in store order`, () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const all = yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize }))
        assert.deepStrictEqual(sids(all.flatMap((page) => page.bindings)), sids(fake.bindings(fake.serviceSid)))
        assert.strictEqual(all.length, Math.max(1, Math.ceil(COUNT / pageSize)))
        assert.deepStrictEqual(all.map((page) => page.meta.page), all.map((_, i) => i))
        assert.isTrue(all.every((page) => page.meta.page_size === pageSize && page.meta.key === "bindings"))
      }))
  }

  it.effect("the last page has no next_page_url and the first has no previous_page_url", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const all = yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize: 10 }))
      assert.strictEqual(all[0]!.meta.previous_page_url, null)
      assert.strictEqual(all[all.length - 1]!.meta.next_page_url, null)
      assert.strictEqual(all[all.length - 1]!.bindings.length, COUNT % 10)
    }))

  it.effect("a page's url is the URL it was fetched from, and first_page_url names page 0", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const all = yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize: 20 }))
      assert.strictEqual(all[1]!.meta.url, all[0]!.meta.next_page_url)
      assert.strictEqual(
        all[2]!.meta.first_page_url,
        `https://chat.twilio.com/v2/Services/${fake.serviceSid}/Bindings?PageSize=20&Page=0`
      )
    }))

  it.effect("following previous_page_url gives back the previous page", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const all = yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize: 6 }))
      const { json } = yield* get(all[3]!.meta.previous_page_url!)
      const previous = json as (typeof all)[number]
      assert.deepStrictEqual(sids(previous.bindings), sids(all[2]!.bindings))
      assert.strictEqual(previous.meta.page, 2)
    }))

  it.effect("the generated store mixes all three binding types and identities that need encoding", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const bindings = fake.bindings(fake.serviceSid)
      assert.deepStrictEqual(new Set(bindings.map((binding) => binding.binding_type)), new Set(["gcm", "apn", "fcm"]))
      assert.isTrue(bindings.some((binding) => /[ &=+]|[^\x00-\x7f]/.test(binding.identity ?? "")))
    }))

  describe("with filters", () => {
    const filters = (
      bindings: ReadonlyArray<Binding.BindingWire>
    ): ReadonlyArray<{ bindingType: Array<BindingType.BindingType>; identity: Array<string> }> => {
      const identities = [...new Set(bindings.map((binding) => binding.identity ?? ""))]
      const awkward = identities.filter((identity) => /[ &=+]|[^\x00-\x7f]/.test(identity))
      return [
        { bindingType: ["apn"], identity: [] },
        { bindingType: ["gcm", "fcm"], identity: [] },
        { bindingType: [], identity: [awkward[0]!] },
        { bindingType: [], identity: [identities[0]!, awkward[1] ?? identities[1]!, "nobody at all"] },
        { bindingType: ["fcm", "apn"], identity: [identities[0]!, identities[2]!, awkward[0]!] },
        { bindingType: ["gcm"], identity: ["nobody at all"] }
      ]
    }

    for (const pageSize of [1, 2, 3, 4, 5, 6, 7, 1000]) {
      it.effect(`filtered listings with PageSize ${pageSize} return exactly the matching bindings, in order`, () =>
        Effect.gen(function*() {
          const fake = yield* FakeTwilio.FakeTwilio
          const everything = fake.bindings(fake.serviceSid)
          for (const filter of filters(everything)) {
            const all = yield* pages(fake.firstPageUrl(fake.serviceSid, { ...filter, pageSize }))
            const got = sids(all.flatMap((page) => page.bindings))
            assert.deepStrictEqual(got, sids(independentFilter(everything, filter.bindingType, filter.identity)))
            assert.deepStrictEqual(got, sids(fake.listing(fake.serviceSid, filter)))
            for (const page of all) {
              const url = new URL(page.meta.url)
              assert.deepStrictEqual(url.searchParams.getAll("BindingType"), filter.bindingType)
              assert.deepStrictEqual(url.searchParams.getAll("Identity"), filter.identity)
            }
          }
        }))
    }

    it.effect("a filter that matches some bindings does not match all of them (the filters are not vacuous)", () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const everything = fake.bindings(fake.serviceSid)
        for (const filter of filters(everything).slice(0, 5)) {
          const matching = fake.listing(fake.serviceSid, filter).length
          assert.isTrue(matching > 0 && matching < everything.length, JSON.stringify(filter))
        }
      }))
  })
})
