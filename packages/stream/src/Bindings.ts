/**
 * Bindings of a Chat Service as a lazy, backpressured `Stream`: a page is requested only when the
 * consumer pulls past the previous one (plus `prefetch` pages), `meta.next_page_url` is followed
 * verbatim, and a failed page carries the cursor to resume from.
 *
 * @since 0.1.0
 */
// not the package's index, which loads every module of @effect/platform (see TwilioHttpClient.ts)
import * as Url from "@effect/platform/Url"
import * as UrlParams from "@effect/platform/UrlParams"
import type { Binding } from "@twilio-bindings/domain"
import { BindingPage, ListBindingsParams, Sid, WireDecoder } from "@twilio-bindings/domain"
import { TwilioConfig, TwilioError, TwilioHttpClient } from "@twilio-bindings/http"
import type { ParseResult } from "effect"
import { Chunk, Context, Effect, Either, Layer, Option, Schema, Stream } from "effect"
import { InvalidRequestError, ListingError } from "./BindingsError.js"
import type { BindingsError } from "./BindingsError.js"

/**
 * How a listing runs.
 *
 * @since 0.1.0
 * @category Models
 */
export interface StreamOptions {
  /**
   * Emit at most this many bindings. No page is requested that is not needed: without an explicit
   * `pageSize`, pages are sized `min(limit, 1000)`.
   */
  readonly limit?: number | undefined
  /** Pages fetched ahead of the consumer, to overlap network latency with work. Default 0: pure pull. */
  readonly prefetch?: number | undefined
  /**
   * A page URL to resume from: the `cursor` of a `ListingError`. It carries the listing's filters
   * and page size, so it cannot be combined with `params`; it must be on the configured origin, of
   * the same service, without credentials.
   */
  readonly startAt?: string | undefined
}

/**
 * The largest `prefetch` accepted.
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_PREFETCH = 64

/**
 * A page of a listing as Twilio's wire JSON: every binding checked with the rules of `Binding.Binding`
 * (the same checks and errors as the other streams), but kept as the wire record `JSON.parse` gave,
 * with no model built. For programs that write the bindings back out as JSON (an export), where
 * building models only to encode them again would be wasted work. A record may carry fields the
 * schema does not know, another key order, and timestamps in any form the schema accepts:
 * `WireEncoder.canonicalBindingWire` gives what `Schema.encode` would write (the record itself when it
 * is as Twilio sends it).
 *
 * @since 0.1.0
 * @category Models
 */
export interface WirePage {
  readonly bindings: ReadonlyArray<Binding.BindingWire>
  readonly meta: BindingPage.PageMeta
}

/**
 * The Bindings service.
 *
 * @since 0.1.0
 * @category Services
 */
export class Bindings extends Context.Tag("@twilio-bindings/stream/Bindings")<Bindings, Bindings.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace Bindings {
  /**
   * @since 0.1.0
   * @category Services
   */
  export interface Service {
    /** The first page of a listing (or the page at `startAt`). */
    readonly page: (
      serviceSid: string,
      params?: ListBindingsParams.ListBindingsParams,
      options?: Pick<StreamOptions, "startAt">
    ) => Effect.Effect<BindingPage.BindingPage, BindingsError>
    /** Every page of a listing, in order. */
    readonly pages: (
      serviceSid: string,
      params?: ListBindingsParams.ListBindingsParams,
      options?: StreamOptions
    ) => Stream.Stream<BindingPage.BindingPage, BindingsError>
    /** Every page of a listing, in order, as validated wire JSON (see {@link WirePage}). */
    readonly wirePages: (
      serviceSid: string,
      params?: ListBindingsParams.ListBindingsParams,
      options?: StreamOptions
    ) => Stream.Stream<WirePage, BindingsError>
    /** Every binding of a listing, in order, once each. */
    readonly stream: (
      serviceSid: string,
      params?: ListBindingsParams.ListBindingsParams,
      options?: StreamOptions
    ) => Stream.Stream<Binding.Binding, BindingsError>
    /** Every binding of a listing, collected (use `limit` to bound it). */
    readonly list: (
      serviceSid: string,
      params?: ListBindingsParams.ListBindingsParams,
      options?: Omit<StreamOptions, "prefetch">
    ) => Effect.Effect<Chunk.Chunk<Binding.Binding>, BindingsError>
  }
}

/** A validated listing request. */
interface Plan {
  /** The first page: a path with its query, or the absolute URL to resume from. */
  readonly first: string
  readonly limit: Option.Option<number>
  readonly prefetch: number
}

const decodeParams = Schema.decodeUnknownEither(ListBindingsParams.ListBindingsParams)
const decodeServiceSid = Schema.decodeUnknownEither(Sid.ServiceSid)

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

const bindingsPath = (serviceSid: string) => `/v2/Services/${serviceSid}/Bindings`

const withQuery = (path: string, query: ReadonlyArray<[string, string]>) =>
  query.length === 0 ? path : `${path}?${UrlParams.toString(UrlParams.fromInput(query))}`

const planListing = (
  config: TwilioConfig.TwilioConfig,
  serviceSid: unknown,
  params: unknown,
  options: StreamOptions
): Either.Either<Plan, InvalidRequestError> =>
  Either.gen(function*() {
    const sid = yield* Either.mapLeft(decodeServiceSid(serviceSid), invalidArgument("serviceSid"))
    const limit = yield* wholeNumber("limit", options.limit, 0, Number.MAX_SAFE_INTEGER)
    const prefetch = Option.getOrElse(yield* wholeNumber("prefetch", options.prefetch, 0, MAX_PREFETCH), () => 0)
    const path = bindingsPath(sid)
    if (options.startAt !== undefined) {
      // The page URL carries the listing's filters and page size: other params would be ignored.
      const given = Object.entries(params ?? {}).filter(([, value]) => value !== undefined).map(([key]) => key)
      if (given.length > 0) {
        return yield* invalid(
          "startAt",
          `cannot be combined with ${given.join(", ")}: the page URL carries the listing's own filters and page size`
        )
      }
      return { first: yield* checkStartAt(config.endpoints.chat, options.startAt, path), limit, prefetch }
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
      ? { ...decoded, pageSize: Math.max(1, Math.min(limit.value, ListBindingsParams.MAX_PAGE_SIZE)) }
      : decoded
    return { first: withQuery(path, ListBindingsParams.toQuery(sized)), limit, prefetch }
  })

/**
 * A page URL to resume from must be one the listing could have produced: on the configured origin,
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
  readonly meta: BindingPage.PageMeta
}

/**
 * Builds the service on the `TwilioHttpClient` in context.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<Bindings.Service, never, TwilioHttpClient.TwilioHttpClient> = Effect.gen(
  function*() {
    const http = yield* TwilioHttpClient.TwilioHttpClient
    const plan = (serviceSid: unknown, params: unknown, options: StreamOptions) =>
      planListing(http.config, serviceSid, params, options)
    // The hot path: JSON parsed by the http layer, then the fast wire decoder (same result as the schema).
    const fetchWith =
      <P>(decode: (body: unknown) => Either.Either<P, ParseResult.ParseError>) =>
      (urlOrPath: string): Effect.Effect<P, TwilioError.TwilioError> =>
        Effect.flatMap(http.getJson(urlOrPath), ({ body, url }) =>
          Either.match(decode(body), {
            onLeft: (error) => Effect.fail(TwilioError.decodeErrorFromParseError(url, error)),
            onRight: Effect.succeed
          }))
    const fetchPage = fetchWith(WireDecoder.decodeBindingPage)
    const fetchWirePage = fetchWith(WireDecoder.validateBindingPageWire)
    const page: Bindings.Service["page"] = (serviceSid, params, options = {}) =>
      Effect.flatMap(
        plan(serviceSid, params, options),
        ({ first }) =>
          Effect.mapError(fetchPage(first), (cause) => new ListingError({ cursor: cause.url, emitted: 0, cause }))
      )

    /**
     * Pages of a validated plan, each run afresh (the count of emitted bindings is per run). With a
     * limit, the page that reaches it is cut to it and is the last one requested.
     */
    const pagesOf = <P extends Paged>(
      plan: Plan,
      fetchPage: (cursor: string) => Effect.Effect<P, TwilioError.TwilioError>,
      cut: (page: P, size: number) => P
    ): Stream.Stream<P, ListingError> => {
      const limit = Option.getOrElse(plan.limit, () => Infinity)
      if (limit === 0) return Stream.empty
      return Stream.suspend(() => {
        let emitted = 0
        const fetch = (cursor: string) =>
          fetchPage(cursor).pipe(
            // every error names the URL that failed (absolute, without credentials): the cursor
            Effect.mapError((cause: TwilioError.TwilioError) =>
              new ListingError({ cursor: cause.url, emitted, cause })
            ),
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
      params: ListBindingsParams.ListBindingsParams | undefined,
      options: StreamOptions,
      f: (plan: Plan) => Stream.Stream<A, ListingError>
    ): Stream.Stream<A, BindingsError> => Stream.unwrap(Effect.map(plan(serviceSid, params, options), f))

    const cutPage = (page: BindingPage.BindingPage, size: number) =>
      new BindingPage.BindingPage({ bindings: page.bindings.slice(0, size), meta: page.meta }, true)
    const bindingPages = (plan: Plan) => pagesOf(plan, fetchPage, cutPage)

    const pages: Bindings.Service["pages"] = (serviceSid, params, options = {}) =>
      withPlan(serviceSid, params, options, bindingPages)

    const wirePages: Bindings.Service["wirePages"] = (serviceSid, params, options = {}) =>
      withPlan(
        serviceSid,
        params,
        options,
        (plan) => pagesOf(plan, fetchWirePage, (page, size) => ({ ...page, bindings: page.bindings.slice(0, size) }))
      )

    const stream: Bindings.Service["stream"] = (serviceSid, params, options = {}) =>
      withPlan(
        serviceSid,
        params,
        options,
        (plan) => Stream.mapConcatChunk(bindingPages(plan), (page) => Chunk.unsafeFromArray(page.bindings))
      )

    const list: Bindings.Service["list"] = (serviceSid, params, options = {}) =>
      Stream.runCollect(stream(serviceSid, params, options))

    return Bindings.of({ page, pages, wirePages, stream, list })
  }
)

/**
 * The Bindings service, on a `TwilioHttpClient`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<Bindings, never, TwilioHttpClient.TwilioHttpClient> = Layer.effect(Bindings, make)

/**
 * Every binding of a service's listing, in order, once each, as a backpressured stream.
 *
 * @example
 * ```ts
 * import { Bindings } from "@twilio-bindings/stream"
 * import { Console, Stream } from "effect"
 *
 * const program = Bindings.stream("IS0123456789abcdef0123456789abcdef", { bindingType: ["apn"] }, { limit: 100 }).pipe(
 *   Stream.runForEach((binding) => Console.log(binding.sid, binding.bindingType))
 * )
 * ```
 *
 * @since 0.1.0
 * @category Streams
 */
export const stream = (
  serviceSid: string,
  params?: ListBindingsParams.ListBindingsParams,
  options?: StreamOptions
): Stream.Stream<Binding.Binding, BindingsError, Bindings> =>
  Stream.unwrap(Effect.map(Bindings, (service) => service.stream(serviceSid, params, options)))

/**
 * Every page of a service's listing, in order.
 *
 * @since 0.1.0
 * @category Streams
 */
export const pages = (
  serviceSid: string,
  params?: ListBindingsParams.ListBindingsParams,
  options?: StreamOptions
): Stream.Stream<BindingPage.BindingPage, BindingsError, Bindings> =>
  Stream.unwrap(Effect.map(Bindings, (service) => service.pages(serviceSid, params, options)))

/**
 * Every page of a service's listing, in order, as validated wire JSON (see {@link WirePage}).
 *
 * @since 0.1.0
 * @category Streams
 */
export const wirePages = (
  serviceSid: string,
  params?: ListBindingsParams.ListBindingsParams,
  options?: StreamOptions
): Stream.Stream<WirePage, BindingsError, Bindings> =>
  Stream.unwrap(Effect.map(Bindings, (service) => service.wirePages(serviceSid, params, options)))

/**
 * One page: the first of a listing, or the one at `startAt`.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const page = (
  serviceSid: string,
  params?: ListBindingsParams.ListBindingsParams,
  options?: Pick<StreamOptions, "startAt">
): Effect.Effect<BindingPage.BindingPage, BindingsError, Bindings> =>
  Effect.flatMap(Bindings, (service) => service.page(serviceSid, params, options))

/**
 * Every binding of a listing, collected into a `Chunk` (give a `limit` for large services).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const list = (
  serviceSid: string,
  params?: ListBindingsParams.ListBindingsParams,
  options?: Omit<StreamOptions, "prefetch">
): Effect.Effect<Chunk.Chunk<Binding.Binding>, BindingsError, Bindings> =>
  Effect.flatMap(Bindings, (service) => service.list(serviceSid, params, options))
