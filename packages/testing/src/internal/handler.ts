/**
 * The fake's one implementation: a request in, an answer (or a fault) out. The in-memory
 * `HttpClient` and the loopback server only translate requests and answers.
 *
 * @internal
 */
import { UrlParams } from "@effect/platform"
import type { Binding, BindingPage, ConversationsBinding, Product, TwilioErrorBody } from "@twilio-bindings/domain"
import { BindingType, ListBindingsParams, Resource } from "@twilio-bindings/domain"
import { Duration, Either, Encoding } from "effect"
import type { BindingStore, StoredBinding } from "../BindingStore.js"
import { isChat, TWILSOCK } from "../BindingStore.js"
import type * as FaultPlan from "../FaultPlan.js"
import * as Prng from "./prng.js"
import * as StoreIndex from "./storeIndex.js"

/** One request as the fake sees it recorded. */
export interface RecordedRequest {
  /** Arrival order, from 0, over every request the fake saw (both origins). */
  readonly index: number
  readonly method: string
  /** The full URL: origin, path and query. */
  readonly url: string
  readonly origin: string
  /** Whether the request went to the foreign origin rather than the fake's own. */
  readonly foreign: boolean
  /** Header names lowercased; `authorization` with its secret replaced by `<redacted>`. */
  readonly headers: Readonly<Record<string, string>>
  /** The Basic-auth username the request carried, if any. */
  readonly authUser: string | undefined
  /** Whether the request carried an `Authorization` header at all. */
  readonly hadCredentials: boolean
  /** The fault applied, if any. */
  readonly fault: FaultPlan.FaultKind | undefined
  /** The status answered, if a status line was sent. */
  readonly status: number | undefined
  /** Whether the client went away before the answer was complete. */
  readonly clientDisconnected: boolean
  /** When the request arrived, in epoch milliseconds by the Effect clock (the TestClock under test). */
  readonly atMillis: number
}

/** What the fake is serving, and as whom. */
export interface Config {
  readonly origin: string
  readonly foreignOrigin: string
  readonly accountSid: string
  readonly authToken: string
  readonly apiKey: { readonly sid: string; readonly secret: string } | undefined
  readonly stores: ReadonlyMap<string, BindingStore>
  readonly latency: Duration.Duration
  readonly faults: FaultPlan.FaultPlan
}

/** A request, whatever carried it. Header names lowercased. */
export interface Incoming {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** When it arrived, by the Effect clock (the TestClock in memory under test). */
  readonly atMillis: number
}

/** What to do with a request. `delay` comes first (slow answers and configured latency). */
export type Answer =
  | {
    readonly _tag: "Respond"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
    /** Send the headers of the whole body (Content-Length included) and only its first part. */
    readonly truncated: boolean
    readonly delay: Duration.Duration
  }
  | { readonly _tag: "Reset"; readonly delay: Duration.Duration }
  | { readonly _tag: "Hang" }

/** The fake's state and its request handler. */
export interface Handler {
  readonly config: Config
  readonly handle: (incoming: Incoming) => { readonly id: number; readonly answer: Answer }
  readonly disconnected: (id: number) => void
  readonly requests: () => ReadonlyArray<RecordedRequest>
  readonly clearRequests: () => void
  readonly setFaultPlan: (plan: FaultPlan.FaultPlan) => void
  /** The bindings deleted, in the order the deletions landed, each once. */
  readonly deletions: () => ReadonlyArray<Deletion>
  /** The store positions deleted from a service. */
  readonly deleted: (serviceSid: string) => ReadonlySet<number>
}

/** A binding the fake deleted. */
export interface Deletion {
  readonly serviceSid: string
  readonly sid: string
  /** The product whose endpoint received the DELETE. */
  readonly product: Product.Product
}

const JSON_TYPE = "application/json; charset=utf-8"

const baseHeaders = (requestId: number): Record<string, string> => ({
  "content-type": JSON_TYPE,
  "twilio-request-id": "RQ" + Prng.hexFromSeed(requestId, 32),
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-allow-headers": "Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, " +
    "If-Unmodified-Since",
  "access-control-allow-credentials": "true",
  "access-control-expose-headers": "ETag"
})

/** A page as Twilio sends it, or as `SchemaViolation` breaks it. */
type PageBody = Omit<typeof BindingPage.BindingPage.Encoded, "bindings"> & { readonly bindings: ReadonlyArray<object> }

/**
 * The real answer, before a fault distorts it: a page, one binding, Twilio's error body, or nothing
 * (a DELETE's 204), as JSON values.
 */
interface Plain {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body:
    | PageBody
    | Binding.BindingWire
    | ConversationsBinding.ConversationsBindingWire
    | typeof TwilioErrorBody.TwilioErrorBody.Encoded
    | undefined
}

/**
 * A Chat binding as Conversations v1 shows the same binding: `chat_service_sid` for `service_sid`,
 * no `links`, its URL on the Conversations path (on the fake's origin, which serves both products).
 */
export const toConversations = (
  wire: StoredBinding,
  origin: string
): ConversationsBinding.ConversationsBindingWire => ({
  sid: wire.sid,
  account_sid: wire.account_sid,
  chat_service_sid: wire.service_sid,
  credential_sid: wire.credential_sid,
  date_created: wire.date_created,
  date_updated: wire.date_updated,
  endpoint: wire.endpoint,
  identity: wire.identity,
  binding_type: wire.binding_type,
  message_types: wire.message_types,
  url: wire.sid === null || wire.service_sid === null
    ? null
    : origin + Resource.ConversationsBindings.itemPath(wire.service_sid, wire.sid)
})

/** Whether a store holds twilsock bindings (which Chat hides), found once per store. */
const twilsockStores = new WeakMap<BindingStore, boolean>()

const hasTwilsock = (store: BindingStore): boolean => {
  let has = twilsockStores.get(store)
  if (has === undefined) {
    has = store.bindingTypes.includes(TWILSOCK)
    twilsockStores.set(store, has)
  }
  return has
}

/** The position of each binding SID in a store, built on the first request for one binding. */
const sidIndexes = new WeakMap<BindingStore, Map<string, number>>()

const positionOf = (store: BindingStore, sid: string): number | undefined => {
  let index = sidIndexes.get(store)
  if (index === undefined) {
    index = new Map()
    for (let position = 0; position < store.size; position++) {
      const bindingSid = store.wireAt(position).sid
      if (bindingSid !== null) index.set(bindingSid, position)
    }
    sidIndexes.set(store, index)
  }
  return index.get(sid)
}

/** A Twilio error answer; the body is `{ code, message, more_info, status }`. */
const error = (
  requestId: number,
  status: number,
  code: number,
  message: string,
  extra: Record<string, string> = {}
): Plain => ({
  status,
  headers: { ...baseHeaders(requestId), ...extra },
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }
})

const TOKEN_AFTER = "PA"
const TOKEN_BEFORE = "PB"

/** An opaque page token: direction and a store position, base64url-encoded. */
const encodeToken = (direction: string, position: number): string =>
  direction + Encoding.encodeBase64Url(`position=${position}`)

const decodeToken = (
  token: string,
  size: number
): { readonly direction: string; readonly position: number } | undefined => {
  const direction = token.slice(0, 2)
  if (direction !== TOKEN_AFTER && direction !== TOKEN_BEFORE) return undefined
  const decoded = Encoding.decodeBase64UrlString(token.slice(2))
  if (Either.isLeft(decoded)) return undefined
  const match = /^position=(0|[1-9][0-9]{0,9})$/.exec(decoded.right)
  if (match === null) return undefined
  const position = Number(match[1])
  return position <= size ? { direction, position } : undefined
}

const WHOLE_NUMBER = /^[0-9]{1,10}$/
/** `/v2/…` is Chat, `/v1/…` Conversations; the collection, or one binding. */
const BINDINGS_PATH = /^\/(v1|v2)\/Services\/([^/]+)\/Bindings(?:\/([^/]+))?$/

const parseBasic = (authorization: string | undefined): { user: string; password: string } | undefined => {
  if (authorization === undefined) return undefined
  const match = /^Basic\s+(\S+)$/i.exec(authorization.trim())
  if (match === null) return undefined
  const decoded = Encoding.decodeBase64String(match[1]!)
  if (Either.isLeft(decoded)) return undefined
  const colon = decoded.right.indexOf(":")
  if (colon === -1) return undefined
  return { user: decoded.right.slice(0, colon), password: decoded.right.slice(colon + 1) }
}

const redactHeaders = (headers: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase()
    if (key === "authorization") {
      const basic = parseBasic(value)
      out[key] = basic === undefined ? "<redacted>" : `Basic ${basic.user}:<redacted>`
    } else {
      out[key] = value
    }
  }
  return out
}

/** What the fake's DELETEs changed. */
interface Deletions {
  /** The positions deleted from each store (by service SID): gone from every listing of both products. */
  readonly positions: Map<string, Set<number>>
  /** Every deletion, in the order it landed. */
  readonly log: Array<Deletion>
}

/** The real answer to a request on the fake's own origin. */
const route = (config: Config, deletions: Deletions, requestId: number, incoming: Incoming): Plain => {
  const credentials = parseBasic(incoming.headers["authorization"])
  const authenticated = credentials !== undefined && (
    (credentials.user === config.accountSid && credentials.password === config.authToken) ||
    (config.apiKey !== undefined && credentials.user === config.apiKey.sid &&
      credentials.password === config.apiKey.secret)
  )
  if (!authenticated) {
    return error(requestId, 401, 20003, "Authenticate", { "www-authenticate": "Basic realm=\"Twilio API\"" })
  }
  const path = BINDINGS_PATH.exec(incoming.url.pathname)
  if (path === null) {
    return error(requestId, 404, 20404, `The requested resource ${incoming.url.pathname} was not found`)
  }
  const product: Product.Product = path[1] === "v1" ? "conversations" : "chat"
  const resource = Resource.byProduct[product]
  const serviceSid = path[2]!
  const bindingSid = path[3]
  const allowed = bindingSid === undefined ? "GET" : "GET, DELETE"
  if (!allowed.split(", ").includes(incoming.method)) {
    return error(requestId, 405, 20004, "Method not allowed", { allow: allowed })
  }
  const store = config.stores.get(serviceSid)
  if (store === undefined) {
    return error(requestId, 404, 20404, `The requested resource /Services/${serviceSid}/Bindings was not found`)
  }
  const deleted = deletions.positions.get(serviceSid) ?? new Set<number>()
  const present = (position: number) => !deleted.has(position)

  if (bindingSid !== undefined) {
    const position = positionOf(store, bindingSid)
    // Chat does not know twilsock bindings: for it they do not exist
    if (position === undefined || !present(position) || (product === "chat" && !isChat(store, position))) {
      return error(requestId, 404, 20404, `The requested resource ${incoming.url.pathname} was not found`)
    }
    if (incoming.method === "DELETE") {
      deletions.positions.set(serviceSid, deleted.add(position))
      deletions.log.push({ serviceSid, sid: bindingSid, product })
      return { status: 204, headers: baseHeaders(requestId), body: undefined }
    }
    const wire = store.wireAt(position)
    return {
      status: 200,
      headers: baseHeaders(requestId),
      body: product === "chat" ? wire as Binding.BindingWire : toConversations(wire, config.origin)
    }
  }

  const query = incoming.url.searchParams
  const bindingType = query.getAll("BindingType")
  const types: ReadonlyArray<string> = product === "chat" ? BindingType.values : BindingType.conversationsValues
  const invalidType = bindingType.find((value) => !types.includes(value))
  if (invalidType !== undefined) {
    return error(
      requestId,
      400,
      20001,
      `Invalid BindingType: ${JSON.stringify(invalidType)} is not one of ${types.join(", ")}`
    )
  }
  const identity = query.getAll("Identity")
  const pageSizeText = query.get("PageSize")
  const pageSize = pageSizeText === null ? ListBindingsParams.DEFAULT_PAGE_SIZE : Number(pageSizeText)
  if (
    pageSizeText !== null &&
    (!WHOLE_NUMBER.test(pageSizeText) || pageSize < 1 || pageSize > resource.MAX_PAGE_SIZE)
  ) {
    return error(
      requestId,
      400,
      20001,
      `Invalid PageSize: must be an integer from 1 to ${resource.MAX_PAGE_SIZE}, got ${JSON.stringify(pageSizeText)}`
    )
  }
  const pageText = query.get("Page")
  if (pageText !== null && !WHOLE_NUMBER.test(pageText)) {
    return error(requestId, 400, 20001, `Invalid Page: must be an integer >= 0, got ${JSON.stringify(pageText)}`)
  }
  const page = pageText === null ? 0 : Number(pageText)
  const tokenText = query.get("PageToken")
  if (tokenText === null && page > 0) {
    return error(requestId, 400, 70002, "Paged requests must include a PageToken")
  }
  const token = tokenText === null ? undefined : decodeToken(tokenText, store.size)
  if (tokenText !== null && token === undefined) {
    return error(requestId, 400, 20001, `Invalid PageToken: ${JSON.stringify(tokenText)}`)
  }

  const filtered = StoreIndex.candidates(store, { bindingType, identity })
  // deleted bindings (and, on Chat, twilsock ones) are skipped as the filters skip theirs: page tokens
  // are store positions still
  const hidesTwilsock = product === "chat" && hasTwilsock(store)
  const shown = hidesTwilsock ? (position: number) => present(position) && isChat(store, position) : present
  const candidates = deleted.size === 0 && !hidesTwilsock
    ? filtered
    : { ...filtered, matches: (position: number) => shown(position) && filtered.matches(position) }
  let positions: ReadonlyArray<number>
  let hasMore: boolean
  if (token?.direction === TOKEN_BEFORE) {
    positions = StoreIndex.pageBefore(candidates, token.position, pageSize)
    const last = positions.length === 0 ? token.position : positions[positions.length - 1]! + 1
    hasMore = StoreIndex.pageFrom(candidates, last, 0).hasMore
  } else {
    const from = StoreIndex.pageFrom(candidates, token?.position ?? 0, pageSize)
    positions = from.positions
    hasMore = from.hasMore
  }

  const pageUrl = (pageIndex: number, pageToken: string | undefined) => {
    const params: Array<readonly [string, string]> = [
      ...bindingType.map((value) => ["BindingType", value] as const),
      ...identity.map((value) => ["Identity", value] as const),
      ["PageSize", String(pageSize)],
      ["Page", String(pageIndex)]
    ]
    if (pageToken !== undefined) params.push(["PageToken", pageToken])
    return `${config.origin}${resource.collectionPath(serviceSid)}?${UrlParams.toString(UrlParams.fromInput(params))}`
  }
  const first = positions[0] ?? token?.position ?? 0
  const url = pageUrl(page, tokenText ?? undefined)
  const nextPageUrl = hasMore ? pageUrl(page + 1, encodeToken(TOKEN_AFTER, positions[positions.length - 1]! + 1)) : null
  const meta = {
    key: "bindings",
    url,
    page,
    page_size: pageSize,
    next_page_url: nextPageUrl,
    first_page_url: pageUrl(0, undefined),
    previous_page_url: page > 0 ? pageUrl(page - 1, encodeToken(TOKEN_BEFORE, first)) : null
  }
  return {
    status: 200,
    headers: baseHeaders(requestId),
    body: {
      meta,
      bindings: product === "chat"
        ? Array.from(positions, (position) => store.wireAt(position) as Binding.BindingWire)
        : Array.from(positions, (position) => toConversations(store.wireAt(position), config.origin))
    }
  }
}

const SERVER_ERROR_TEXT: Readonly<Record<number, string>> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
}

const withForeignNextPage = (config: Config, plain: Plain, origin: string | undefined): Plain => {
  if (plain.body === undefined || !("meta" in plain.body)) return plain
  const { meta } = plain.body
  const target = new URL(meta.next_page_url ?? meta.url)
  const foreign = new URL(target.pathname + target.search, origin ?? config.foreignOrigin).href
  return { ...plain, body: { ...plain.body, meta: { ...meta, next_page_url: foreign } } }
}

const withSchemaViolation = (plain: Plain): Plain => {
  if (plain.body === undefined || !("bindings" in plain.body)) return plain
  const [first, ...rest] = plain.body.bindings
  const bad = { ...first, sid: "BS-not-a-sid", binding_type: "sms" }
  return { ...plain, body: { ...plain.body, bindings: [bad, ...rest] } }
}

/** Builds the fake: its data, recording and fault plan, and the handler over them. */
export const make = (config: Config): Handler => {
  let records: Array<{ -readonly [K in keyof RecordedRequest]: RecordedRequest[K] }> = []
  // Ids stay unique across `clearRequests`, so a late disconnect never marks the wrong record.
  let cleared = 0
  let plan = config.faults
  let planIndex = 0
  const deletions: Deletions = { positions: new Map(), log: [] }

  const handle = (incoming: Incoming): { readonly id: number; readonly answer: Answer } => {
    const id = cleared + records.length
    const foreign = incoming.url.origin !== config.origin
    const record = {
      index: id,
      method: incoming.method,
      url: incoming.url.href,
      origin: incoming.url.origin,
      foreign,
      headers: redactHeaders(incoming.headers),
      authUser: parseBasic(incoming.headers["authorization"])?.user,
      hadCredentials: incoming.headers["authorization"] !== undefined,
      fault: undefined as FaultPlan.FaultKind | undefined,
      status: undefined as number | undefined,
      clientDisconnected: false,
      atMillis: incoming.atMillis
    }
    records.push(record)
    const send = (
      status: number,
      headers: Readonly<Record<string, string>>,
      body: string,
      options: { readonly delay?: Duration.Duration; readonly truncated?: boolean } = {}
    ) => {
      record.status = status
      const delay = Duration.sum(options.delay ?? Duration.zero, config.latency)
      const answer: Answer = { _tag: "Respond", status, headers, body, truncated: options.truncated ?? false, delay }
      return { id, answer }
    }
    const respond = (plain: Plain, options?: Parameters<typeof send>[3]) =>
      send(plain.status, plain.headers, plain.body === undefined ? "" : JSON.stringify(plain.body), options)
    if (foreign) return respond(error(id, 404, 20404, `The requested resource ${incoming.url.pathname} was not found`))
    const fault = plan(planIndex++)
    record.fault = fault?._tag
    if (fault === undefined) return respond(route(config, deletions, id, incoming))
    switch (fault._tag) {
      case "RateLimited":
        return respond(error(id, 429, 20429, "Too many requests", { "retry-after": String(fault.retryAfterSeconds) }))
      case "ServerError":
        return respond(error(id, fault.status, 20000 + fault.status, SERVER_ERROR_TEXT[fault.status] ?? "Server Error"))
      case "ConnectionReset":
        return { id, answer: { _tag: "Reset", delay: config.latency } }
      case "NoAnswer":
        return { id, answer: { _tag: "Hang" } }
      case "NotJson":
        return send(
          200,
          { ...baseHeaders(id), "content-type": "text/html; charset=utf-8" },
          "<!DOCTYPE html><html><head><title>Service temporarily unavailable</title></head>" +
            "<body><h1>Service temporarily unavailable</h1></body></html>"
        )
      case "TruncatedBody":
        return respond(route(config, deletions, id, incoming), { truncated: true })
      case "SchemaViolation":
        return respond(withSchemaViolation(route(config, deletions, id, incoming)))
      case "SlowAnswer":
        return respond(route(config, deletions, id, incoming), { delay: fault.delay })
      case "ForeignNextPage":
        return respond(withForeignNextPage(config, route(config, deletions, id, incoming), fault.origin))
    }
  }

  return {
    config,
    handle,
    disconnected: (id) => {
      const record = records[id - cleared]
      if (record !== undefined) record.clientDisconnected = true
    },
    requests: () => records.map((record) => ({ ...record })),
    clearRequests: () => {
      cleared += records.length
      records = []
    },
    setFaultPlan: (next) => {
      plan = next
      planIndex = 0
    },
    deletions: () => [...deletions.log],
    deleted: (serviceSid) => deletions.positions.get(serviceSid) ?? new Set()
  }
}
