/**
 * Bindings of a Chat v2 Service as a lazy, backpressured `Stream`: a page is requested only when the
 * consumer pulls past the previous one (plus `prefetch` pages), `meta.next_page_url` is followed
 * verbatim, and a failed page carries the cursor to resume from; and one binding fetched or deleted.
 * `ConversationsBindings` does the same for Conversations v1, on the same implementation.
 *
 * @since 0.1.0
 */
import type { Binding, BindingPage, ListBindingsParams } from "@twilio-bindings/domain"
import { Resource } from "@twilio-bindings/domain"
import { TwilioHttpClient } from "@twilio-bindings/http"
import type { Chunk, Option } from "effect"
import { Context, Effect, Layer, Stream } from "effect"
import type { BindingRequestError, BindingsError, InvalidRequestError } from "./BindingsError.js"
import * as Client from "./internal/client.js"

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
export const MAX_PREFETCH: number = Client.MAX_PREFETCH

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
 * The Bindings service of Chat v2.
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
   * The operations on Chat v2's bindings: `page`, `pages`, `wirePages`, `stream`, `list` (a listing, lazy and
   * backpressured), `fetch` and `remove` (one binding).
   *
   * @since 0.1.0
   * @category Services
   */
  export type Service = Client.Client<
    Binding.Binding,
    Binding.BindingWire,
    BindingPage.BindingPage,
    ListBindingsParams.ListBindingsParams
  >
}

/**
 * Builds the service on the `TwilioHttpClient` in context.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<Bindings.Service, never, TwilioHttpClient.TwilioHttpClient> = Effect.map(
  TwilioHttpClient.TwilioHttpClient,
  (http) => Bindings.of(Client.make(Resource.ChatBindings, http))
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

/**
 * One binding of a service, or `Option.none()` when there is none with this SID.
 *
 * @example
 * ```ts
 * import { Bindings } from "@twilio-bindings/stream"
 * import { Effect, Option } from "effect"
 *
 * const program = Bindings.fetch("IS0123456789abcdef0123456789abcdef", "BS0123456789abcdef0123456789abcdef").pipe(
 *   Effect.map(Option.map((binding) => binding.identity))
 * )
 * ```
 *
 * @since 0.1.0
 * @category Accessors
 */
export const fetch = (
  serviceSid: string,
  bindingSid: string
): Effect.Effect<Option.Option<Binding.Binding>, InvalidRequestError | BindingRequestError, Bindings> =>
  Effect.flatMap(Bindings, (service) => service.fetch(serviceSid, bindingSid))

/**
 * Deletes one binding of a service: `"deleted"`, or `"alreadyGone"` when there was none to delete.
 *
 * @example
 * ```ts
 * import { Bindings } from "@twilio-bindings/stream"
 * import { Console, Effect } from "effect"
 *
 * const program = Bindings.remove("IS0123456789abcdef0123456789abcdef", "BS0123456789abcdef0123456789abcdef").pipe(
 *   Effect.flatMap((outcome) => Console.log(outcome))
 * )
 * ```
 *
 * @since 0.1.0
 * @category Accessors
 */
export const remove = (
  serviceSid: string,
  bindingSid: string
): Effect.Effect<TwilioHttpClient.DeleteOutcome, InvalidRequestError | BindingRequestError, Bindings> =>
  Effect.flatMap(Bindings, (service) => service.remove(serviceSid, bindingSid))
