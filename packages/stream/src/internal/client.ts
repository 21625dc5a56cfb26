/**
 * The one implementation behind `Bindings` (Chat v2) and `ConversationsBindings` (Conversations v1):
 * listing, fetching and deleting the bindings of a `Resource`, on the `TwilioHttpClient`. A resource
 * says where its bindings live and how they decode; nothing here names a product.
 *
 * @internal
 */
// not the package's index, which loads every module of @effect/platform (see TwilioHttpClient.ts)
import * as Url from "@effect/platform/Url"
import * as UrlParams from "@effect/platform/UrlParams"
import type { Resource } from "@twilio-bindings/domain"
import { Sid } from "@twilio-bindings/domain"
import type { TwilioHttpClient } from "@twilio-bindings/http"
import { TwilioConfig, TwilioError } from "@twilio-bindings/http"
import type { ParseResult } from "effect"
import { Chunk, Effect, Either, Option, Schema, Stream } from "effect"
import type { StreamOptions } from "../Bindings.js"
import type { BindingsError } from "../BindingsError.js"
import { BindingRequestError, InvalidRequestError, ListingError } from "../BindingsError.js"

/** The largest `prefetch` accepted. */
export const MAX_PREFETCH = 64

/**
 * What a client of one resource does: `Bindings.Service` for Chat v2, `ConversationsBindings.Service`
 * for Conversations v1.
 */
export interface Client<Item, Wire, P extends Resource.Page<Item>, Params> {
  /** The first page of a listing (or the page at `startAt`). */
  readonly page: (
    serviceSid: string,
    params?: Params,
    options?: Pick<StreamOptions, "startAt">
  ) => Effect.Effect<P, BindingsError>
  /** Every page of a listing, in order. */
  readonly pages: (serviceSid: string, params?: Params, options?: StreamOptions) => Stream.Stream<P, BindingsError>
  /**
   * Every page of a listing, in order, as validated wire JSON: the records as Twilio sent them, each
   * checked by the item schema's rules, no model built (see `Bindings.WirePage`).
   */
  readonly wirePages: (
    serviceSid: string,
    params?: Params,
    options?: StreamOptions
  ) => Stream.Stream<Resource.Page<Wire>, BindingsError>
  /** Every binding of a listing, in order, once each. */
  readonly stream: (serviceSid: string, params?: Params, options?: StreamOptions) => Stream.Stream<Item, BindingsError>
  /** Every binding of a listing, collected (use `limit` to bound it). */
  readonly list: (
    serviceSid: string,
    params?: Params,
    options?: Omit<StreamOptions, "prefetch">
  ) => Effect.Effect<Chunk.Chunk<Item>, BindingsError>
  /** One binding, or `Option.none()` when the service has none with this SID (Twilio's 404). */
  readonly fetch: (
    serviceSid: string,
    bindingSid: string
  ) => Effect.Effect<Option.Option<Item>, InvalidRequestError | BindingRequestError>
  /**
   * Deletes one binding: `"deleted"`, or `"alreadyGone"` when there was none to delete (a retry after
   * a delete whose answer was lost, or a cleanup run again). Retried as a GET is. A service that
   * does not exist gives `"alreadyGone"` too (Twilio's 404): `page(serviceSid)` tells them apart.
   */
  readonly remove: (
    serviceSid: string,
    bindingSid: string
  ) => Effect.Effect<TwilioHttpClient.DeleteOutcome, InvalidRequestError | BindingRequestError>
}

/** A validated listing request. */
interface Plan {
  /** The first page: a path with its query, or the absolute URL to resume from. */
  readonly first: string
  readonly limit: Option.Option<number>
  readonly prefetch: number
}

const decodeServiceSid = Schema.decodeUnknownEither(Sid.ServiceSid)
const decodeBindingSid = Schema.decodeUnknownEither(Sid.BindingSid)

const invalid = (field: string, rule: string) => Either.left(new InvalidRequestError({ field, rule }))

/** The first issue of a decoded argument, named by its path (or by `field` for the whole value). */
const invalidArgument = (field: string) => (error: ParseResult.ParseError) => {
  const { message, path } = TwilioError.firstIssue(error)
  return new InvalidRequestError({ field: path === "" ? field : path, rule: message })
}

const wholeNumber = (field: string, value: number | undefined, min: number, max: number) =>
  value === undefined
    ? Either.right(Option.none<number>())
    : Number.isInteger(value) && value >= min && value <= max
    ? Either.right(Option.some(value))
    : invalid(field, `must be a whole number from ${min} to ${max}, got ${TwilioError.formatValue(value)}`)

const withQuery = (path: string, query: ReadonlyArray<[string, string]>) =>
  query.length === 0 ? path : `${path}?${UrlParams.toString(UrlParams.fromInput(query))}`

/**
 * A page URL to resume from must be one the listing could have produced: on the product's origin,
 * of this service's Bindings, without credentials. Only the parts that cannot hold a secret are
 * echoed, cut as every echoed value is.
 */
const checkStartAt = (
  endpoint: TwilioConfig.Endpoint,
  startAt: string,
  path: string
): Either.Either<string, InvalidRequestError> =>
  Either.match(Url.fromString(startAt), {
    onLeft: () => invalid("startAt", "must be an absolute page URL, such as the cursor of a ListingError"),
    onRight: (url) =>
      url.username !== "" || url.password !== ""
        ? invalid("startAt", "must not carry a user name or password")
        : !TwilioConfig.allowsOrigin(endpoint, url.origin)
        ? invalid(
          "startAt",
          `must be on ${endpoint.origin}, got ${TwilioError.formatValue(`${url.protocol}//${url.host}`)}`
        )
        : url.pathname !== path
        ? invalid("startAt", `must be a page URL of ${path}, got ${TwilioError.formatValue(url.pathname)}`)
        : Either.right(startAt)
  })

/** The part of a page the paging reads. */
interface Paged {
  readonly bindings: ReadonlyArray<unknown>
  readonly meta: Resource.Page<unknown>["meta"]
}

/** A client of `resource` on `http`. */
export const make = <Item, Wire, P extends Resource.Page<Item>, Params extends Resource.Query>(
  resource: Resource.Resource<Item, Wire, P, Params>,
  http: TwilioHttpClient.TwilioHttpClient.Service
): Client<Item, Wire, P, Params> => {
  const { product } = resource
  const endpoint = http.config.endpoints[product]
  const decodeParams = Schema.decodeUnknownEither(resource.Params)

  const planListing = (
    serviceSid: unknown,
    params: unknown,
    options: StreamOptions
  ): Either.Either<Plan, InvalidRequestError> =>
    Either.gen(function*() {
      const sid = yield* Either.mapLeft(decodeServiceSid(serviceSid), invalidArgument("serviceSid"))
      const limit = yield* wholeNumber("limit", options.limit, 0, Number.MAX_SAFE_INTEGER)
      const prefetch = Option.getOrElse(yield* wholeNumber("prefetch", options.prefetch, 0, MAX_PREFETCH), () => 0)
      const path = resource.collectionPath(sid)
      if (options.startAt !== undefined) {
        // The page URL carries the listing's filters and page size: other params would be ignored.
        const given = Object.entries(params ?? {}).filter(([, value]) => value !== undefined).map(([key]) => key)
        if (given.length > 0) {
          return yield* invalid(
            "startAt",
            `cannot be combined with ${given.join(", ")}: the page URL carries the listing's own filters and page size`
          )
        }
        return { first: yield* checkStartAt(endpoint, options.startAt, path), limit, prefetch }
      }
      const decoded = yield* Either.mapLeft(decodeParams(params ?? {}), invalidArgument("params"))
      if (decoded.page !== undefined && decoded.page > 0 && decoded.pageToken === undefined) {
        // Twilio answers 400 (code 70002) to this; say so before sending anything
        return yield* invalid(
          "page",
          `must be 0 without a pageToken (paged requests must include a PageToken, from a next_page_url), got ${decoded.page}`
        )
      }
      // Size pages by the limit when the caller did not choose: the last request is then not wasted.
      const sized = decoded.pageSize === undefined && Option.isSome(limit)
        ? resource.withPageSize(decoded, Math.max(1, Math.min(limit.value, resource.MAX_PAGE_SIZE)))
        : decoded
      return { first: withQuery(path, resource.toQuery(sized)), limit, prefetch }
    })

  // The hot path: JSON parsed by the http layer, then the resource's fast decoder (same result as the schema).
  const fetchWith =
    <A>(decode: (body: unknown) => Either.Either<A, ParseResult.ParseError>) =>
    (urlOrPath: string): Effect.Effect<A, TwilioError.TwilioError> =>
      Effect.flatMap(http.getJson(urlOrPath, product), ({ body, url }) =>
        Either.match(decode(body), {
          onLeft: (error) => Effect.fail(TwilioError.decodeErrorFromParseError(url, error)),
          onRight: Effect.succeed
        }))
  const fetchPage = fetchWith(resource.decodePage)
  const fetchWirePage = fetchWith(resource.validatePageWire)
  const fetchItem = fetchWith(resource.decodeItem)

  const page: Client<Item, Wire, P, Params>["page"] = (serviceSid, params, options = {}) =>
    Effect.flatMap(
      planListing(serviceSid, params, options),
      ({ first }) =>
        Effect.mapError(fetchPage(first), (cause) => new ListingError({ cursor: cause.url, emitted: 0, cause }))
    )

  /**
   * Pages of a validated plan, each run afresh (the count of emitted bindings is per run). With a
   * limit, the page that reaches it is cut to it and is the last one requested.
   */
  const pagesOf = <Pg extends Paged>(
    plan: Plan,
    fetchPage: (cursor: string) => Effect.Effect<Pg, TwilioError.TwilioError>,
    cut: (page: Pg, size: number) => Pg
  ): Stream.Stream<Pg, ListingError> => {
    const limit = Option.getOrElse(plan.limit, () => Infinity)
    if (limit === 0) return Stream.empty
    return Stream.suspend(() => {
      let emitted = 0
      const fetch = (cursor: string) =>
        fetchPage(cursor).pipe(
          // every error names the URL that failed (absolute, without credentials): the cursor
          Effect.mapError((cause: TwilioError.TwilioError) => new ListingError({ cursor: cause.url, emitted, cause })),
          Effect.map((page) => {
            const room = limit - emitted
            const kept = page.bindings.length <= room ? page : cut(page, room)
            emitted += kept.bindings.length
            return [kept, emitted >= limit ? Option.none() : page.meta.nextPageUrl] as const
          })
        )
      const pages = Stream.paginateEffect(plan.first, fetch)
      // The buffer holds finished pages while one more request is in flight: capacity p - 1 keeps
      // at most p requests ahead of the consumer (capacity 0 is a hand-over: one page in flight).
      return plan.prefetch > 0 ? Stream.buffer(pages, { capacity: plan.prefetch - 1 }) : pages
    })
  }

  const withPlan = <A>(
    serviceSid: string,
    params: Params | undefined,
    options: StreamOptions,
    f: (plan: Plan) => Stream.Stream<A, ListingError>
  ): Stream.Stream<A, BindingsError> => Stream.unwrap(Effect.map(planListing(serviceSid, params, options), f))

  const itemPages = (plan: Plan) => pagesOf(plan, fetchPage, resource.cutPage)

  const stream: Client<Item, Wire, P, Params>["stream"] = (serviceSid, params, options = {}) =>
    withPlan(
      serviceSid,
      params,
      options,
      (plan) => Stream.mapConcatChunk(itemPages(plan), (page) => Chunk.unsafeFromArray(page.bindings))
    )

  /** The path of one binding, both SIDs checked first. */
  const itemPath = (serviceSid: unknown, bindingSid: unknown) =>
    Either.gen(function*() {
      const service = yield* Either.mapLeft(decodeServiceSid(serviceSid), invalidArgument("serviceSid"))
      const binding = yield* Either.mapLeft(decodeBindingSid(bindingSid), invalidArgument("bindingSid"))
      return resource.itemPath(service, binding)
    })

  const failed = (operation: "fetch" | "remove", bindingSid: string) => (cause: TwilioError.TwilioError) =>
    new BindingRequestError({ operation, bindingSid, cause })

  const isNotFound = (error: TwilioError.TwilioError) => error._tag === "TwilioApiError" && error.status === 404

  return {
    page,
    pages: (serviceSid, params, options = {}) => withPlan(serviceSid, params, options, itemPages),
    wirePages: (serviceSid, params, options = {}) =>
      withPlan(
        serviceSid,
        params,
        options,
        (plan) => pagesOf(plan, fetchWirePage, (page, size) => ({ ...page, bindings: page.bindings.slice(0, size) }))
      ),
    stream,
    list: (serviceSid, params, options = {}) => Stream.runCollect(stream(serviceSid, params, options)),
    fetch: (serviceSid, bindingSid) =>
      Effect.flatMap(itemPath(serviceSid, bindingSid), (path) =>
        fetchItem(path).pipe(
          Effect.map(Option.some),
          // 404 (Twilio code 20404): there is no such binding, which is an answer, not a failure
          Effect.catchIf(isNotFound, () => Effect.succeedNone),
          Effect.mapError(failed("fetch", bindingSid))
        )),
    remove: (serviceSid, bindingSid) =>
      Effect.flatMap(
        itemPath(serviceSid, bindingSid),
        (path) => Effect.mapError(http.delete(path, product), failed("remove", bindingSid))
      )
  }
}
