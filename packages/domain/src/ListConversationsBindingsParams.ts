/**
 * The query parameters of Conversations v1's `GET /v1/Services/{ChatServiceSid}/Bindings`: Chat's
 * (`ListBindingsParams`), with the `twilsock` binding type and pages of at most 100.
 *
 * @since 0.1.0
 */
import { ConversationsBindingType } from "./BindingType.js"
import * as Params from "./internal/listParams.js"

/**
 * The largest page size the endpoint accepts (Twilio's OpenAPI description of Conversations v1).
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_PAGE_SIZE = 100

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
 * What a Conversations listing asks for: the same fields as `ListBindingsParams`, with array filters
 * sent as repeated keys (OR within a key, AND across keys).
 *
 * @example
 * ```ts
 * import { ListConversationsBindingsParams } from "@twilio-bindings/domain"
 *
 * const params: ListConversationsBindingsParams.ListConversationsBindingsParams = { bindingType: ["twilsock"], pageSize: 100 }
 * const query = ListConversationsBindingsParams.toQuery(params)
 * // [["BindingType", "twilsock"], ["PageSize", "100"]]
 * ```
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ListConversationsBindingsParams = Params.struct(
  "ListConversationsBindingsParams",
  ConversationsBindingType,
  PageSize
)

/**
 * @since 0.1.0
 * @category Models
 */
export type ListConversationsBindingsParams = typeof ListConversationsBindingsParams.Type

/**
 * Twilio's query parameters for decoded params, as `ListBindingsParams.toQuery` gives them.
 *
 * @since 0.1.0
 * @category Encoding
 */
export const toQuery: (params: ListConversationsBindingsParams) => Array<[string, string]> = Params.toQuery
