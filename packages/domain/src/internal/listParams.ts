/**
 * The query parameters every Bindings listing shares (Chat v2 and Conversations v1 differ only in
 * their binding types and their largest page size): each rule written once, for both.
 */
import { Schema } from "effect"

const describe = (actual: unknown) => typeof actual === "string" ? JSON.stringify(actual) : String(actual)

/** `PageSize`: a whole number from 1 to `max`. */
export const pageSize = (max: number) =>
  Schema.Number.pipe(Schema.int(), Schema.between(1, max)).annotations({
    identifier: "PageSize",
    description: `a whole number from 1 to ${max}`,
    message: (issue) => ({
      message: `pageSize must be a whole number from 1 to ${max}, got ${describe(issue.actual)}`,
      override: true
    })
  })

/** `Page`: the page index, a whole number from 0. */
export const PageIndex = Schema.Number.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)).annotations({
  identifier: "PageIndex",
  message: (issue) => ({
    message: `page must be a whole number >= 0, got ${describe(issue.actual)}`,
    override: true
  })
})

/** `Identity`: a non-empty string. */
export const Identity = Schema.String.pipe(Schema.minLength(1)).annotations({
  identifier: "Identity",
  message: () => ({ message: "identity must not be empty", override: true })
})

/** The params struct of a listing whose binding types and page sizes are given. */
export const struct = <T extends Schema.Schema.Any, P extends Schema.Schema.Any>(
  identifier: string,
  bindingType: T,
  pageSizeSchema: P
) =>
  Schema.Struct({
    /** Only Bindings of these push technologies. */
    bindingType: Schema.optionalWith(Schema.Array(bindingType), { exact: true }),
    /** Only Bindings of Users with these identities. */
    identity: Schema.optionalWith(Schema.Array(Identity), { exact: true }),
    /** How many Bindings per page (Twilio's default is 50). */
    pageSize: Schema.optionalWith(pageSizeSchema, { exact: true }),
    /** The page index (client state only). */
    page: Schema.optionalWith(PageIndex, { exact: true }),
    /** The opaque page token the API put in a `next_page_url`. */
    pageToken: Schema.optionalWith(Schema.String, { exact: true })
  }).annotations({ identifier })

/** What every listing's params have, as `toQuery` reads them. */
export interface Query {
  readonly bindingType?: ReadonlyArray<string> | undefined
  readonly identity?: ReadonlyArray<string> | undefined
  readonly pageSize?: number | undefined
  readonly page?: number | undefined
  readonly pageToken?: string | undefined
}

/** Twilio's query parameters, in a stable order, array filters as repeated keys, unset fields left out. */
export const toQuery = (params: Query): Array<[string, string]> => {
  const query: Array<[string, string]> = []
  for (const bindingType of params.bindingType ?? []) query.push(["BindingType", bindingType])
  for (const identity of params.identity ?? []) query.push(["Identity", identity])
  if (params.pageSize !== undefined) query.push(["PageSize", String(params.pageSize)])
  if (params.page !== undefined) query.push(["Page", String(params.page)])
  if (params.pageToken !== undefined) query.push(["PageToken", params.pageToken])
  return query
}
