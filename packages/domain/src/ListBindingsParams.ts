/**
 * The query parameters of `GET /v2/Services/{ServiceSid}/Bindings`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { BindingType } from "./BindingType.js"

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

const describe = (actual: unknown) => typeof actual === "string" ? JSON.stringify(actual) : String(actual)

/**
 * `PageSize`: a whole number from 1 to {@link MAX_PAGE_SIZE}.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PageSize = Schema.Number.pipe(
  Schema.int(),
  Schema.between(1, MAX_PAGE_SIZE)
).annotations({
  identifier: "PageSize",
  description: `a whole number from 1 to ${MAX_PAGE_SIZE}`,
  message: (issue) => ({
    message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${describe(issue.actual)}`,
    override: true
  })
})

/**
 * `Page`: the page index, a whole number from 0 (for client state only).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PageIndex = Schema.Number.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)).annotations({
  identifier: "PageIndex",
  message: (issue) => ({
    message: `page must be a whole number >= 0, got ${describe(issue.actual)}`,
    override: true
  })
})

/**
 * An `Identity` filter: a non-empty string. An empty one is refused rather than sent as `Identity=`,
 * which matches no binding, while a caller who wrote it most likely meant "no filter".
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Identity = Schema.String.pipe(Schema.minLength(1)).annotations({
  identifier: "Identity",
  message: () => ({ message: "identity must not be empty", override: true })
})

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
export const ListBindingsParams = Schema.Struct({
  /** Only Bindings of these push technologies. */
  bindingType: Schema.optionalWith(Schema.Array(BindingType), { exact: true }),
  /** Only Bindings of Users with these identities. */
  identity: Schema.optionalWith(Schema.Array(Identity), { exact: true }),
  /** How many Bindings per page, 1..1000 (Twilio's default is 50). */
  pageSize: Schema.optionalWith(PageSize, { exact: true }),
  /** The page index (client state only). */
  page: Schema.optionalWith(PageIndex, { exact: true }),
  /** The opaque page token the API put in a `next_page_url`. */
  pageToken: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "ListBindingsParams" })

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
export const toQuery = (params: ListBindingsParams): Array<[string, string]> => {
  const query: Array<[string, string]> = []
  for (const bindingType of params.bindingType ?? []) query.push(["BindingType", bindingType])
  for (const identity of params.identity ?? []) query.push(["Identity", identity])
  if (params.pageSize !== undefined) query.push(["PageSize", String(params.pageSize)])
  if (params.page !== undefined) query.push(["Page", String(params.page)])
  if (params.pageToken !== undefined) query.push(["PageToken", params.pageToken])
  return query
}
