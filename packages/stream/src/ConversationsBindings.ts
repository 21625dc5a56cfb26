/**
 * Bindings of a Conversations v1 Service (`conversations.twilio.com`), as `Bindings` gives Chat v2's:
 * a lazy, backpressured `Stream` of `ConversationsBinding`s with the same options, errors and resume
 * cursor, and one binding fetched or deleted. Both services are one implementation over a
 * `Resource` description, so they behave alike in everything but their data.
 *
 * @since 0.1.0
 */
import type { ConversationsBinding, ListConversationsBindingsParams } from "@twilio-bindings/domain"
import { Resource } from "@twilio-bindings/domain"
import { TwilioHttpClient } from "@twilio-bindings/http"
import type { Chunk, Option } from "effect"
import { Context, Effect, Layer, Stream } from "effect"
import type { StreamOptions } from "./Bindings.js"
import type { BindingRequestError, BindingsError, InvalidRequestError } from "./BindingsError.js"
import * as Client from "./internal/client.js"

type Params = ListConversationsBindingsParams.ListConversationsBindingsParams
type Item = ConversationsBinding.ConversationsBinding

/**
 * A page of a Conversations listing as validated wire JSON: the records as Twilio sent them, no model
 * built (see `Bindings.WirePage`).
 *
 * @since 0.1.0
 * @category Models
 */
export type WirePage = Resource.Page<ConversationsBinding.ConversationsBindingWire>

/**
 * The Bindings service of Conversations v1.
 *
 * @since 0.1.0
 * @category Services
 */
export class ConversationsBindings extends Context.Tag("@twilio-bindings/stream/ConversationsBindings")<
  ConversationsBindings,
  ConversationsBindings.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace ConversationsBindings {
  /**
   * The operations on Conversations v1's bindings: `page`, `pages`, `wirePages`, `stream`, `list` (a listing, lazy and
   * backpressured), `fetch` and `remove` (one binding); the same as `Bindings.Service`, on its own types.
   *
   * @since 0.1.0
   * @category Services
   */
  export type Service = Client.Client<
    Item,
    ConversationsBinding.ConversationsBindingWire,
    ConversationsBinding.ConversationsBindingPage,
    Params
  >
}

/**
 * Builds the service on the `TwilioHttpClient` in context.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<ConversationsBindings.Service, never, TwilioHttpClient.TwilioHttpClient> = Effect
  .map(
    TwilioHttpClient.TwilioHttpClient,
    (http) => ConversationsBindings.of(Client.make(Resource.ConversationsBindings, http))
  )

/**
 * The Conversations Bindings service, on a `TwilioHttpClient`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<ConversationsBindings, never, TwilioHttpClient.TwilioHttpClient> = Layer.effect(
  ConversationsBindings,
  make
)

/**
 * Every binding of a Conversations service's listing, in order, once each, as a backpressured stream.
 *
 * @example
 * ```ts
 * import { ConversationsBindings } from "@twilio-bindings/stream"
 * import { Console, Stream } from "effect"
 *
 * const program = ConversationsBindings.stream("IS0123456789abcdef0123456789abcdef", { bindingType: ["twilsock"] }).pipe(
 *   Stream.runForEach((binding) => Console.log(binding.sid, binding.bindingType))
 * )
 * ```
 *
 * @since 0.1.0
 * @category Streams
 */
export const stream = (
  serviceSid: string,
  params?: Params,
  options?: StreamOptions
): Stream.Stream<Item, BindingsError, ConversationsBindings> =>
  Stream.unwrap(Effect.map(ConversationsBindings, (service) => service.stream(serviceSid, params, options)))

/**
 * Every page of a Conversations service's listing, in order.
 *
 * @since 0.1.0
 * @category Streams
 */
export const pages = (
  serviceSid: string,
  params?: Params,
  options?: StreamOptions
): Stream.Stream<ConversationsBinding.ConversationsBindingPage, BindingsError, ConversationsBindings> =>
  Stream.unwrap(Effect.map(ConversationsBindings, (service) => service.pages(serviceSid, params, options)))

/**
 * Every page of a Conversations service's listing, in order, as validated wire JSON.
 *
 * @since 0.1.0
 * @category Streams
 */
export const wirePages = (
  serviceSid: string,
  params?: Params,
  options?: StreamOptions
): Stream.Stream<WirePage, BindingsError, ConversationsBindings> =>
  Stream.unwrap(Effect.map(ConversationsBindings, (service) => service.wirePages(serviceSid, params, options)))

/**
 * One page: the first of a listing, or the one at `startAt`.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const page = (
  serviceSid: string,
  params?: Params,
  options?: Pick<StreamOptions, "startAt">
): Effect.Effect<ConversationsBinding.ConversationsBindingPage, BindingsError, ConversationsBindings> =>
  Effect.flatMap(ConversationsBindings, (service) => service.page(serviceSid, params, options))

/**
 * Every binding of a listing, collected into a `Chunk` (give a `limit` for large services).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const list = (
  serviceSid: string,
  params?: Params,
  options?: Omit<StreamOptions, "prefetch">
): Effect.Effect<Chunk.Chunk<Item>, BindingsError, ConversationsBindings> =>
  Effect.flatMap(ConversationsBindings, (service) => service.list(serviceSid, params, options))

/**
 * One binding of a Conversations service, or `Option.none()` when there is none with this SID.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const fetch = (
  serviceSid: string,
  bindingSid: string
): Effect.Effect<Option.Option<Item>, InvalidRequestError | BindingRequestError, ConversationsBindings> =>
  Effect.flatMap(ConversationsBindings, (service) => service.fetch(serviceSid, bindingSid))

/**
 * Deletes one binding of a Conversations service: `"deleted"`, or `"alreadyGone"`.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const remove = (
  serviceSid: string,
  bindingSid: string
): Effect.Effect<TwilioHttpClient.DeleteOutcome, InvalidRequestError | BindingRequestError, ConversationsBindings> =>
  Effect.flatMap(ConversationsBindings, (service) => service.remove(serviceSid, bindingSid))
