/**
 * The Binding resources as descriptions: where each lives, its schemas, its query, and its fast
 * decoders. The stream package builds one listing/fetch/delete machinery on a `Resource`, so Chat v2
 * and Conversations v1 are two descriptions, not two copies, and a third resource of the kind would
 * be a third.
 *
 * @since 0.1.0
 */
import type { Either, ParseResult, Schema } from "effect"
import type { Binding, BindingWire } from "./Binding.js"
import { Binding as BindingSchema } from "./Binding.js"
import type { PageMeta } from "./BindingPage.js"
import { BindingPage } from "./BindingPage.js"
import type { ConversationsBindingWire } from "./ConversationsBinding.js"
import { ConversationsBinding, ConversationsBindingPage } from "./ConversationsBinding.js"
import * as Codecs from "./internal/codecs.js"
import type * as ListParams from "./internal/listParams.js"
import type { WireCodec } from "./internal/wireCodec.js"
import * as ListBindingsParams from "./ListBindingsParams.js"
import * as ListConversationsBindingsParams from "./ListConversationsBindingsParams.js"
import type { Product } from "./Product.js"

/**
 * The encoded side of a page or params schema, which a resource does not need to name: the schema's
 * `Encoded` type is invariant, so `unknown` would not accept it.
 *
 * @since 0.1.0
 * @category Models
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEncoded = any

/**
 * The fields every listing's params have (`bindingType`, `identity`, `pageSize`, `page`, `pageToken`), as
 * code that pages through any resource reads them.
 *
 * @since 0.1.0
 * @category Models
 */
export type Query = ListParams.Query

/**
 * A page as a resource's fast decoder gives it: the decoded items and the paging metadata.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Page<Item> {
  readonly bindings: ReadonlyArray<Item>
  readonly meta: PageMeta
}

/**
 * One Binding resource: its product, its paths, its schemas and its fast codecs (each accepts exactly
 * what the schema accepts and gives an equal value; the schema's `ParseError` otherwise).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Resource<Item, Wire, P extends Page<Item>, Params> {
  /** The product that serves it, which picks the host. */
  readonly product: Product
  /** The listing's path, e.g. `/v2/Services/IS…/Bindings`. The SID must be validated. */
  readonly collectionPath: (serviceSid: string) => string
  /** One binding's path, e.g. `/v2/Services/IS…/Bindings/BS…`. The SIDs must be validated. */
  readonly itemPath: (serviceSid: string, bindingSid: string) => string
  /** The item's schema (wire JSON ⇄ model). */
  readonly Item: Schema.Schema<Item, Wire>
  /** The page's schema. */
  readonly Page: Schema.Schema<P, AnyEncoded>
  /** The listing's params. */
  readonly Params: Schema.Schema<Params, AnyEncoded>
  /** The largest page size the listing accepts. */
  readonly MAX_PAGE_SIZE: number
  /** The params as Twilio's query parameters (see `ListBindingsParams.toQuery`). */
  readonly toQuery: (params: Params) => Array<[string, string]>
  /** The params with `pageSize` set. */
  readonly withPageSize: (params: Params, pageSize: number) => Params
  /** Decodes one item (the body of a GET of one binding). */
  readonly decodeItem: (u: unknown) => Either.Either<Item, ParseResult.ParseError>
  /** Decodes a page body. */
  readonly decodePage: (u: unknown) => Either.Either<P, ParseResult.ParseError>
  /** Validates a page body, giving its items as the wire records themselves and its meta decoded. */
  readonly validatePageWire: (u: unknown) => Either.Either<Page<Wire>, ParseResult.ParseError>
  /** The wire object `Schema.encode` writes for a validated record (the record itself when already so). */
  readonly canonicalWire: (wire: Wire) => Wire
  /** The page with its first `size` items only. */
  readonly cutPage: (page: P, size: number) => P
}

/**
 * Any Binding resource, for code that handles either.
 *
 * @since 0.1.0
 * @category Models
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = Resource<any, any, Page<any>, any>

const describe = <Item, Wire, P extends Page<Item>, Params>(
  product: Product,
  version: string,
  schemas: { readonly Item: Schema.Schema<Item, Wire>; readonly Page: Schema.Schema<P, AnyEncoded> },
  params: {
    readonly Params: Schema.Schema<Params, AnyEncoded>
    readonly MAX_PAGE_SIZE: number
    readonly toQuery: (params: Params) => Array<[string, string]>
  },
  codec: WireCodec<Item, Wire, P>,
  makePage: (bindings: ReadonlyArray<Item>, meta: PageMeta) => P
): Resource<Item, Wire, P, Params> => ({
  product,
  collectionPath: (serviceSid) => `/${version}/Services/${serviceSid}/Bindings`,
  itemPath: (serviceSid, bindingSid) => `/${version}/Services/${serviceSid}/Bindings/${bindingSid}`,
  ...schemas,
  Params: params.Params,
  MAX_PAGE_SIZE: params.MAX_PAGE_SIZE,
  toQuery: params.toQuery,
  withPageSize: (p, pageSize) => ({ ...p, pageSize }),
  decodeItem: codec.decodeItem,
  decodePage: codec.decodePage,
  validatePageWire: codec.validatePage,
  canonicalWire: codec.canonical,
  cutPage: (page, size) => makePage(page.bindings.slice(0, size), page.meta)
})

/**
 * Chat v2's Bindings on `chat.twilio.com`: `Binding.Binding`, `BindingPage.BindingPage`,
 * `ListBindingsParams` (pages up to 1000).
 *
 * @since 0.1.0
 * @category Resources
 */
export const ChatBindings: Resource<Binding, BindingWire, BindingPage, ListBindingsParams.ListBindingsParams> =
  describe(
    "chat",
    "v2",
    { Item: BindingSchema, Page: BindingPage },
    {
      Params: ListBindingsParams.ListBindingsParams,
      MAX_PAGE_SIZE: ListBindingsParams.MAX_PAGE_SIZE,
      toQuery: ListBindingsParams.toQuery
    },
    Codecs.chat,
    (bindings, meta) => new BindingPage({ bindings, meta }, true)
  )

/**
 * Conversations v1's Bindings on `conversations.twilio.com`: `ConversationsBinding`, its page, and
 * `ListConversationsBindingsParams` (the `twilsock` type, pages up to 100).
 *
 * @since 0.1.0
 * @category Resources
 */
export const ConversationsBindings: Resource<
  ConversationsBinding,
  ConversationsBindingWire,
  ConversationsBindingPage,
  ListConversationsBindingsParams.ListConversationsBindingsParams
> = describe(
  "conversations",
  "v1",
  { Item: ConversationsBinding, Page: ConversationsBindingPage },
  {
    Params: ListConversationsBindingsParams.ListConversationsBindingsParams,
    MAX_PAGE_SIZE: ListConversationsBindingsParams.MAX_PAGE_SIZE,
    toQuery: ListConversationsBindingsParams.toQuery
  },
  Codecs.conversations,
  (bindings, meta) => new ConversationsBindingPage({ bindings, meta }, true)
)

/**
 * The Binding resource of each product.
 *
 * @since 0.1.0
 * @category Resources
 */
export const byProduct: {
  readonly chat: typeof ChatBindings
  readonly conversations: typeof ConversationsBindings
} = { chat: ChatBindings, conversations: ConversationsBindings }
