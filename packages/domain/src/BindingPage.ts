/**
 * One page of a Bindings listing and its paging metadata.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Binding } from "./Binding.js"

const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/**
 * The `meta` object of a list response. Later pages are fetched by requesting `nextPageUrl` as
 * given: it carries the filters and the opaque `PageToken`.
 *
 * @since 0.1.0
 * @category Models
 */
export class PageMeta extends Schema.Class<PageMeta>("PageMeta")({
  /** The absolute URL of this page. */
  url: Schema.String,
  /** The absolute URL of the first page of the same listing. */
  firstPageUrl: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("first_page_url")),
  /** The absolute URL of the next page, or none on the last page. */
  nextPageUrl: Schema.propertySignature(Schema.OptionFromNullOr(Schema.String)).pipe(
    Schema.fromKey("next_page_url")
  ),
  /** The absolute URL of the previous page, or none on the first page. */
  previousPageUrl: Schema.propertySignature(Schema.OptionFromNullOr(Schema.String)).pipe(
    Schema.fromKey("previous_page_url")
  ),
  /** The page index, from 0. */
  page: NonNegativeInt,
  /** The requested page size. */
  pageSize: Schema.propertySignature(NonNegativeInt).pipe(Schema.fromKey("page_size")),
  /** The name of the array that holds this page's items: `"bindings"`. */
  key: Schema.String
}) {}

/**
 * A page of Bindings: `{ "bindings": [...], "meta": {...} }` on the wire.
 *
 * @since 0.1.0
 * @category Models
 */
export class BindingPage extends Schema.Class<BindingPage>("BindingPage")({
  /** The Bindings of this page, in the order the API returned them. */
  bindings: Schema.Array(Binding),
  /** Paging metadata: where this page is and where the next one is. */
  meta: PageMeta
}) {}
