/**
 * Bindings of a Chat Service as a lazy, backpressured `Stream`: a page is requested only when the
 * consumer pulls past the previous one (plus `prefetch` pages), `meta.next_page_url` is followed
 * verbatim, and a failed page carries the cursor to resume from.
 *
 * @since 0.1.0
 */
import { UrlParams } from "@effect/platform"
import type { Binding } from "@twilio-bindings/domain"
import { BindingPage, ListBindingsParams, Sid, WireDecoder } from "@twilio-bindings/domain"
import { TwilioError, TwilioHttpClient } from "@twilio-bindings/http"
import { Chunk, Context, Effect, Either, Layer, Option, ParseResult, Schema, Stream } from "effect"
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
  /** A page URL to resume from: the `cursor` of a `ListingError`. Filters come from the URL. */
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

const firstIssue = (error: ParseResult.ParseError, field: string) => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const path = issue?.path ?? []
  const name = path.reduce<string>(
    (text, key) => typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`,
    field
  )
  return new InvalidRequestError({ field: name, rule: issue?.message ?? error.message })
}

const wholeNumber = (field: string, value: number | undefined, min: number, max: number) =>
  value === undefined
    ? Either.right(Option.none<number>())
    : Number.isInteger(value) && value >= min && value <= max
    ? Either.right(Option.some(value))
    : Either.left(
      new InvalidRequestError({
        field,
        rule: `${field} must be a whole number from ${min} to ${max}, got ${String(value)}`
      })
    )

const bindingsPath = (serviceSid: string) => `/v2/Services/${serviceSid}/Bindings`

const withQuery = (path: string, query: ReadonlyArray<[string, string]>) =>
  query.length === 0 ? path : `${path}?${UrlParams.toString(UrlParams.fromInput(query))}`

const planListing = (
  serviceSid: unknown,
  params: unknown,
  options: StreamOptions
): Either.Either<Plan, InvalidRequestError> =>
  Either.gen(function*() {
    const sid = yield* Either.mapLeft(decodeServiceSid(serviceSid), (error) => firstIssue(error, "serviceSid"))
    const decoded = yield* Either.mapLeft(decodeParams(params ?? {}), (error) => firstIssue(error, ""))
    if (decoded.page !== undefined && decoded.page > 0 && decoded.pageToken === undefined) {
      // Twilio answers 400 (code 70002) to this; say so before sending anything
      return yield* Either.left(
        new InvalidRequestError({
          field: "page",
          rule: `page ${decoded.page} needs the pageToken of a next_page_url (paged requests must include a PageToken)`
        })
      )
    }
    const limit = yield* wholeNumber("limit", options.limit, 0, Number.MAX_SAFE_INTEGER)
    const prefetch = yield* wholeNumber("prefetch", options.prefetch, 0, MAX_PREFETCH)
    const path = bindingsPath(sid)
    if (options.startAt !== undefined) {
      const startAt = yield* checkStartAt(options.startAt, path)
      return { first: startAt, limit, prefetch: Option.getOrElse(prefetch, () => 0) }
    }
    // Size pages by the limit when the caller did not choose: the last request is then not wasted.
    const sized = decoded.pageSize === undefined && Option.isSome(limit)
      ? { ...decoded, pageSize: Math.max(1, Math.min(limit.value, ListBindingsParams.MAX_PAGE_SIZE)) }
      : decoded
    return {
      first: withQuery(path, ListBindingsParams.toQuery(sized)),
      limit,
      prefetch: Option.getOrElse(prefetch, () => 0)
    }
  })

const checkStartAt = (startAt: string, path: string): Either.Either<string, InvalidRequestError> => {
  let url: URL
  try {
    url = new URL(startAt)
  } catch {
    return Either.left(
      new InvalidRequestError({
        field: "startAt",
        rule: `startAt must be an absolute page URL, got ${JSON.stringify(startAt)}`
      })
    )
  }
  return url.pathname === path
    ? Either.right(startAt)
    : Either.left(
      new InvalidRequestError({ field: "startAt", rule: `startAt must be a page URL of ${path}, got ${url.pathname}` })
    )
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
    // The hot path: JSON parsed by the http layer, then the fast wire decoder (same result as the schema).
    const fetchPage = (urlOrPath: string): Effect.Effect<BindingPage.BindingPage, TwilioError.TwilioError> =>
      Effect.flatMap(http.getJson(urlOrPath), ({ body, url }) =>
        Either.match(WireDecoder.decodeBindingPage(body), {
          onLeft: (error) => Effect.fail(TwilioError.decodeErrorFromParseError(url, error)),
          onRight: Effect.succeed
        }))
    /** The absolute URL of a page: what a `ListingError` carries to resume from. */
    const cursorOf = (urlOrPath: string) => Either.getOrElse(http.resolveUrl(urlOrPath), () => urlOrPath)

    const page: Bindings.Service["page"] = (serviceSid, params, options = {}) =>
      Effect.flatMap(planListing(serviceSid, params, options), (plan) =>
        Effect.mapError(
          fetchPage(plan.first),
          (cause) => new ListingError({ cursor: cursorOf(plan.first), emitted: 0, cause })
        ))

    /**
     * Pages of a validated plan, each run afresh (the count of emitted bindings is per run). With a
     * limit, the page that reaches it is cut to it and is the last one requested.
     */
    const pagesOf = (plan: Plan): Stream.Stream<BindingPage.BindingPage, ListingError> => {
      const limit = Option.getOrElse(plan.limit, () => Infinity)
      if (limit === 0) return Stream.empty
      return Stream.suspend(() => {
        let emitted = 0
        const fetch = (cursor: string) =>
          fetchPage(cursor).pipe(
            Effect.mapError((cause: TwilioError.TwilioError) =>
              new ListingError({ cursor: cursorOf(cursor), emitted, cause })
            ),
            Effect.map((page) => {
              const room = limit - emitted
              const kept = page.bindings.length <= room
                ? page
                : new BindingPage.BindingPage({ bindings: page.bindings.slice(0, room), meta: page.meta }, true)
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
    ): Stream.Stream<A, BindingsError> => Stream.unwrap(Effect.map(planListing(serviceSid, params, options), f))

    const pages: Bindings.Service["pages"] = (serviceSid, params, options = {}) =>
      withPlan(serviceSid, params, options, pagesOf)

    const stream: Bindings.Service["stream"] = (serviceSid, params, options = {}) =>
      withPlan(
        serviceSid,
        params,
        options,
        (plan) => Stream.mapConcatChunk(pagesOf(plan), (page) => Chunk.unsafeFromArray(page.bindings))
      )

    const list: Bindings.Service["list"] = (serviceSid, params, options = {}) =>
      Stream.runCollect(stream(serviceSid, params, options))

    return Bindings.of({ page, pages, stream, list })
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
