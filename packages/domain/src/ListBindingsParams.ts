/**
 * The query parameters of `GET /v2/Services/{ServiceSid}/Bindings`.
 *
 * @since 0.1.0
 */
import { BindingType } from "./BindingType.js"
import * as Params from "./internal/listParams.js"

/**
 * The largest page size the endpoint accepts. The endpoint's reference page says 1..1000; Twilio's current
 * public spec says 50 (see README, "Page size").
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_PAGE_SIZE = 1000

/**
 * The page size Twilio uses when `PageSize` is not sent.
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_PAGE_SIZE = 50

/**
 * `PageSize`: a whole number from 1 to {@link MAX_PAGE_SIZE}.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PageSize = Params.pageSize(MAX_PAGE_SIZE)

/**
 * `Page`: the page index, a whole number from 0 (for client state only).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PageIndex = Params.PageIndex

/**
 * An `Identity` filter: a non-empty string. An empty one is refused rather than sent as `Identity=`,
 * which matches no binding, while a caller who wrote it most likely meant "no filter".
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Identity = Params.Identity

/**
 * What a listing asks for. Every field is optional; array filters are sent as repeated keys
 * (`BindingType=gcm&BindingType=apn`): OR within a key, AND across keys.
 *
 * @example
 * ```ts
 * import { ListBindingsParams } from "@twilio-bindings/domain"
 *
 * const params: ListBindingsParams.ListBindingsParams = { bindingType: ["gcm", "apn"], identity: ["alice"], pageSize: 100 }
 * const query = ListBindingsParams.toQuery(params)
 * // [["BindingType", "gcm"], ["BindingType", "apn"], ["Identity", "alice"], ["PageSize", "100"]]
 * ```
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ListBindingsParams = Params.struct("ListBindingsParams", BindingType, PageSize)

/**
 * @since 0.1.0
 * @category Models
 */
export type ListBindingsParams = typeof ListBindingsParams.Type

/**
 * Turns decoded params into Twilio's query parameters, in a stable order, with array filters as
 * repeated keys and unset fields left out. The pairs feed `UrlParams.fromInput` or
 * `URLSearchParams` directly, which do the percent-encoding.
 *
 * @since 0.1.0
 * @category Encoding
 */
export const toQuery: (params: ListBindingsParams) => Array<[string, string]> = Params.toQuery
