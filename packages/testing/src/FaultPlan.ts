/**
 * Deterministic fault injection for the fake: which request gets which failure.
 *
 * A plan is consulted once per request that reaches the fake's own origin, with the request's
 * index (0, 1, 2, … since the plan was set). Faults replace or distort the real answer; none of
 * them changes the fake's data, so retrying the same request gets a real answer (or the plan's
 * next fault).
 *
 * @since 0.1.0
 */
import { Data, Duration } from "effect"
import * as Prng from "./internal/prng.js"

/** A fault without parameters (`{}` in Effect's own tagged enums). */
type NoFields = Record<never, never>

/**
 * One injected failure.
 *
 * - `RateLimited`: 429 with `Retry-After` (seconds) and Twilio error 20429.
 * - `ServerError`: a 5xx `status` with a Twilio error body (code 20000 + status).
 * - `ConnectionReset`: the connection is dropped without an answer.
 * - `TruncatedBody`: the real answer's headers (Content-Length of the whole body) and only part of the body.
 * - `NotJson`: a 200 whose body is an HTML page.
 * - `SchemaViolation`: a 200 page whose first binding has `binding_type: "sms"` and a malformed `sid`.
 * - `SlowAnswer`: the real answer, after `delay`.
 * - `NoAnswer`: the request is never answered (until the client gives up).
 * - `ForeignNextPage`: the real page, with `next_page_url` on another origin (default: the fake's foreign one).
 *
 * @since 0.1.0
 * @category Models
 */
export type Fault = Data.TaggedEnum<{
  RateLimited: { readonly retryAfterSeconds: number }
  ServerError: { readonly status: number }
  ConnectionReset: NoFields
  TruncatedBody: NoFields
  NotJson: NoFields
  SchemaViolation: NoFields
  SlowAnswer: { readonly delay: Duration.Duration }
  NoAnswer: NoFields
  ForeignNextPage: { readonly origin?: string | undefined }
}>

/**
 * Constructors and matchers of {@link Fault}: `Fault.ServerError({ status: 503 })`, `Fault.NoAnswer()`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const Fault = Data.taggedEnum<Fault>()

/**
 * The name of a fault kind: its tag.
 *
 * @since 0.1.0
 * @category Models
 */
export type FaultKind = Fault["_tag"]

// A record, so that a new kind does not compile until someone decides whether a client retries it.
const retryable: { readonly [Kind in FaultKind]: boolean } = {
  RateLimited: true,
  ServerError: true,
  ConnectionReset: true,
  TruncatedBody: true,
  SlowAnswer: true,
  NoAnswer: true,
  // a 200 that a client must reject: nothing says that asking again would help
  NotJson: false,
  SchemaViolation: false,
  ForeignNextPage: false
}

/**
 * Whether a client should retry the same request after this fault: it got no complete, usable
 * answer (429, 5xx, a reset or broken connection, no answer within its timeout). `NotJson`,
 * `SchemaViolation` and `ForeignNextPage` are complete answers a client must reject.
 *
 * @since 0.1.0
 * @category Predicates
 */
export const isRetryable = (fault: Fault): boolean => retryable[fault._tag]

/**
 * One fault of every retryable kind (each 5xx of Twilio's: 500, 502, 503, 504), for
 * {@link random}.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const retryableFaults = (options: {
  /** `Retry-After` of `RateLimited`, in seconds (default 1). */
  readonly retryAfterSeconds?: number | undefined
  /** The delay of `SlowAnswer` (default 1 second). */
  readonly slowDelay?: Duration.DurationInput | undefined
} = {}): ReadonlyArray<Fault> => [
  Fault.RateLimited({ retryAfterSeconds: options.retryAfterSeconds ?? 1 }),
  ...[500, 502, 503, 504].map((status) => Fault.ServerError({ status })),
  Fault.ConnectionReset(),
  Fault.TruncatedBody(),
  Fault.SlowAnswer({ delay: Duration.decode(options.slowDelay ?? Duration.seconds(1)) }),
  Fault.NoAnswer()
]

/**
 * Which request gets which fault: request `index` (from 0) gets the fault returned, or the real
 * answer for `undefined`. Any function will do.
 *
 * @since 0.1.0
 * @category Models
 */
export type FaultPlan = (index: number) => Fault | undefined

/**
 * No faults: every request gets the real answer.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const none: FaultPlan = () => undefined

/**
 * Request `i` gets `faults[i]` (`undefined`: the real answer); requests past the end get real answers.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const script = (faults: ReadonlyArray<Fault | undefined>): FaultPlan => (index) => faults[index]

/**
 * Each request is faulted with `probability`, with a fault drawn from `faults` (default:
 * {@link retryableFaults}); the choice for request `i` depends only on `seed` and `i`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const random = (options: {
  readonly seed: number
  readonly probability: number
  readonly faults?: ReadonlyArray<Fault> | undefined
}): FaultPlan => {
  const faults = options.faults ?? retryableFaults()
  return (index) =>
    faults.length === 0 || Prng.at(options.seed, index * 2) >= options.probability
      ? undefined
      : faults[Math.floor(Prng.at(options.seed, index * 2 + 1) * faults.length)]
}
