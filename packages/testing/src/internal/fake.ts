/**
 * Builds a fake from its options, and its service view; shared by the in-memory and loopback forms.
 *
 * @internal
 */
import type { Binding } from "@twilio-bindings/domain"
import { ListConversationsBindingsParams, Resource, Sid } from "@twilio-bindings/domain"
import { ConfigProvider, Duration, Effect, Option, Redacted } from "effect"
import * as BindingStore from "../BindingStore.js"
import type * as FakeTwilio from "../FakeTwilio.js"
import * as FaultPlan from "../FaultPlan.js"
import * as Generators from "../Generators.js"
import * as Handler from "./handler.js"

/** Builds the shared handler for an origin (the loopback server knows its origin only once bound). */
export const handlerFor = (options: FakeTwilio.Options, origin: string, foreignOrigin: string): Handler.Handler => {
  const accountSid = options.accountSid ?? Generators.accountSid(0)
  const stores = new Map<string, BindingStore.BindingStore>()
  for (const data of options.services ?? [{ seed: 0, count: 100 }]) {
    const store = "store" in data
      ? data.store
      : "bindings" in data
      ? BindingStore.fromWire(data.serviceSid, data.bindings)
      : Generators.generateStore({
        seed: data.seed,
        count: data.count,
        serviceSid: data.serviceSid,
        twilsock: data.twilsock,
        accountSid,
        origin
      })
    stores.set(store.serviceSid, store)
  }
  return Handler.make({
    origin,
    foreignOrigin,
    accountSid,
    authToken: options.authToken ?? Generators.authToken(0),
    apiKey: options.apiKey,
    stores,
    latency: Duration.decode(options.latency ?? Duration.zero),
    faults: options.faults ?? FaultPlan.none
  })
}

/** The service view of a handler: what tests see of the fake, in memory or on loopback. */
export const serviceOf = (handler: Handler.Handler): FakeTwilio.FakeTwilio.Service => {
  const { config } = handler
  const serviceSids = [...config.stores.keys()].map((sid) => Sid.ServiceSid.make(sid))
  const store = (serviceSid: string) => Option.fromNullable(config.stores.get(serviceSid))
  // what the paging serves now: the filter's bindings less the deleted ones (and, on Chat, the twilsock ones)
  const positions = (serviceSid: string, filter: BindingStore.Filter, product: "chat" | "conversations") =>
    Option.match(store(serviceSid), {
      onNone: () => [],
      onSome: (s) => {
        const deleted = handler.deleted(serviceSid)
        return BindingStore.positions(s, filter)
          .filter((position) =>
            !deleted.has(position) && (product === "conversations" || BindingStore.isChat(s, position))
          )
          .map((position) => s.wireAt(position))
      }
    })
  // a binding Chat shows is of one of Chat's types
  const chat = (bindings: ReadonlyArray<BindingStore.StoredBinding>) => bindings as ReadonlyArray<Binding.BindingWire>
  return {
    origin: config.origin,
    foreignOrigin: config.foreignOrigin,
    accountSid: Sid.AccountSid.make(config.accountSid),
    authToken: Redacted.make(config.authToken),
    apiKey: Option.fromNullable(config.apiKey).pipe(
      Option.map(({ secret, sid }) => ({ sid, secret: Redacted.make(secret) }))
    ),
    serviceSids,
    serviceSid: serviceSids[0] ?? Sid.ServiceSid.make(Generators.serviceSid(0)),
    store,
    bindings: (serviceSid) =>
      Option.match(store(serviceSid), {
        onNone: () => [],
        onSome: (s) => chat(BindingStore.toWire(s).filter((_, position) => BindingStore.isChat(s, position)))
      }),
    listing: (serviceSid, filter = {}) => chat(positions(serviceSid, filter, "chat")),
    conversationsListing: (serviceSid, filter = {}) =>
      positions(serviceSid, filter, "conversations").map((wire) => Handler.toConversations(wire, config.origin)),
    firstPageUrl: (serviceSid, params = {}, product = "chat") => {
      const url = new URL(Resource.byProduct[product].collectionPath(serviceSid), config.origin)
      for (const [key, value] of ListConversationsBindingsParams.toQuery(params)) url.searchParams.append(key, value)
      return url.href
    },
    bindingUrl: (serviceSid, bindingSid, product = "chat") =>
      config.origin + Resource.byProduct[product].itemPath(serviceSid, bindingSid),
    deletions: Effect.sync(handler.deletions),
    configProvider: ConfigProvider.fromMap(
      new Map([
        ["TWILIO_ACCOUNT_SID", config.accountSid],
        ["TWILIO_AUTH_TOKEN", config.authToken],
        ["TWILIO_CHAT_BASE_URL", config.origin],
        ["TWILIO_CONVERSATIONS_BASE_URL", config.origin]
      ])
    ),
    requests: Effect.sync(handler.requests),
    clearRequests: Effect.sync(handler.clearRequests),
    setFaultPlan: (plan) => Effect.sync(() => handler.setFaultPlan(plan))
  }
}
