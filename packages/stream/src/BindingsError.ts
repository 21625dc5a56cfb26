/**
 * The errors of a Bindings listing.
 *
 * @since 0.1.0
 */
import { TwilioError } from "@twilio-bindings/http"
import { Schema } from "effect"

/**
 * An argument of a listing broke a rule: the service SID, a filter, the page size, `limit`,
 * `prefetch` or `startAt`. Raised before anything is sent.
 *
 * @since 0.1.0
 * @category Errors
 */
export class InvalidRequestError extends Schema.TaggedError<InvalidRequestError>()("InvalidRequestError", {
  /** The argument at fault, e.g. `serviceSid`, `pageSize`, `bindingType[1]`, `limit`. */
  field: Schema.String,
  /** The rule it broke, e.g. `must be a whole number from 0 to 64, got 100`. */
  rule: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `invalid ${this.field}: ${this.rule}`
  }
}

const Cause = Schema.Union(
  TwilioError.TwilioApiError,
  TwilioError.TwilioTransportError,
  TwilioError.TwilioDecodeError,
  TwilioError.ForeignUrlError
)

/**
 * A page of a listing failed after the HTTP layer's retries. Every binding before it was emitted
 * (`emitted` of them); listing again with `{ startAt: cursor }` yields the rest, so that the two
 * parts together are the whole listing, nothing lost or repeated.
 *
 * @since 0.1.0
 * @category Errors
 */
export class ListingError extends Schema.TaggedError<ListingError>()("ListingError", {
  /** The URL of the page that failed: pass it as `startAt` to resume. */
  cursor: Schema.String,
  /** How many bindings the listing emitted before the failure. */
  emitted: Schema.Int,
  /** What went wrong with the page. */
  cause: Cause
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `listing failed after ${this.emitted} bindings: ${this.cause.message} (resume with startAt: ${this.cursor})`
  }
}

/**
 * Any error of a listing.
 *
 * @since 0.1.0
 * @category Errors
 */
export type BindingsError = InvalidRequestError | ListingError

/**
 * Fetching or deleting one binding failed after the HTTP layer's retries. (A binding that does not
 * exist is no failure: `fetch` answers `Option.none()`, `remove` `"alreadyGone"`.)
 *
 * @since 0.1.0
 * @category Errors
 */
export class BindingRequestError extends Schema.TaggedError<BindingRequestError>()("BindingRequestError", {
  /** What was asked of the binding. */
  operation: Schema.Literal("fetch", "remove"),
  /** The binding's SID. */
  bindingSid: Schema.String,
  /** What went wrong with the request. */
  cause: Cause
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `${this.operation} of ${this.bindingSid} failed: ${this.cause.message}`
  }
}
