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

/** A fault or plan variant without parameters (`{}` in Effect's own tagged enums). */
type NoFields = Record<never, never>

/**
 * One injected failure.
 *
 * - `RateLimited`: 429 with `Retry-After` (seconds) and Twilio error 20429.
 * - `InternalServerError` / `BadGateway` / `ServiceUnavailable` / `GatewayTimeout`: 500 / 502 / 503 / 504
 *   with a Twilio error body.
 * - `ConnectionReset`: the connection is dropped without an answer.
 * - `TruncatedBody`: the real answer's headers (Content-Length of the whole body) and only part of the body.
 * - `NotJson`: a 200 whose body is an HTML page.
 * - `SchemaViolation`: a 200 page whose first binding has `binding_type: "sms"` and a malformed `sid`.
 * - `SlowAnswer`: the real answer, after `delay`.
 * - `NoAnswer`: the request is never answered (until the client gives up).
 * - `ForeignNextPage`: the real page, with `next_page_url` on another origin.
 *
 * @since 0.1.0
 * @category Models
 */
export type Fault = Data.TaggedEnum<{
  RateLimited: { readonly retryAfterSeconds: number }
  InternalServerError: NoFields
  BadGateway: NoFields
  ServiceUnavailable: NoFields
  GatewayTimeout: NoFields
  ConnectionReset: NoFields
  TruncatedBody: NoFields
  NotJson: NoFields
  SchemaViolation: NoFields
  SlowAnswer: { readonly delay: Duration.Duration }
  NoAnswer: NoFields
  ForeignNextPage: { readonly origin: string | undefined }
}>

/**
 * Constructors and matchers of {@link Fault}: `Fault.RateLimited({ retryAfterSeconds: 2 })`, `Fault.NoAnswer()`.
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

/**
 * Every fault kind.
 *
 * @since 0.1.0
 * @category Constants
 */
export const kinds: ReadonlyArray<FaultKind> = [
  "RateLimited",
  "InternalServerError",
  "BadGateway",
  "ServiceUnavailable",
  "GatewayTimeout",
  "ConnectionReset",
  "TruncatedBody",
  "NotJson",
  "SchemaViolation",
  "SlowAnswer",
  "NoAnswer",
  "ForeignNextPage"
]

/**
 * The kinds a client should retry (the same request, unchanged): 429, 5xx, a reset connection, a slow
 * answer and no answer (after a timeout). The others are answers a client must reject.
 *
 * @since 0.1.0
 * @category Constants
 */
export const retryableKinds: ReadonlyArray<FaultKind> = [
  "RateLimited",
  "InternalServerError",
  "BadGateway",
  "ServiceUnavailable",
  "GatewayTimeout",
  "ConnectionReset",
  "SlowAnswer",
  "NoAnswer"
]

/**
 * Whether a fault (or fault kind) is one a client should retry.
 *
 * @since 0.1.0
 * @category Predicates
 */
export const isRetryable = (fault: Fault | FaultKind): boolean =>
  retryableKinds.includes(typeof fault === "string" ? fault : fault._tag)

/**
 * The HTTP status a fault answers with, or `undefined` when it sends no status line of its own.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const status = (fault: Fault): number | undefined => {
  switch (fault._tag) {
    case "RateLimited":
      return 429
    case "InternalServerError":
      return 500
    case "BadGateway":
      return 502
    case "ServiceUnavailable":
      return 503
    case "GatewayTimeout":
      return 504
    default:
      return undefined
  }
}

/**
 * The parameters of faults built from a kind alone.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Settings {
  /** `Retry-After` of `RateLimited`, in seconds (default 1). */
  readonly retryAfterSeconds?: number | undefined
  /** The delay of `SlowAnswer` (default 1 second). */
  readonly slowDelay?: Duration.DurationInput | undefined
  /** The origin of `ForeignNextPage` (default: the fake's foreign origin). */
  readonly foreignOrigin?: string | undefined
}

/**
 * Builds the fault of a kind with the given (or default) parameters.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fromKind = (kind: FaultKind, settings: Settings = {}): Fault => {
  switch (kind) {
    case "RateLimited":
      return Fault.RateLimited({ retryAfterSeconds: settings.retryAfterSeconds ?? 1 })
    case "SlowAnswer":
      return Fault.SlowAnswer({ delay: Duration.decode(settings.slowDelay ?? Duration.seconds(1)) })
    case "ForeignNextPage":
      return Fault.ForeignNextPage({ origin: settings.foreignOrigin })
    case "InternalServerError":
      return Fault.InternalServerError()
    case "BadGateway":
      return Fault.BadGateway()
    case "ServiceUnavailable":
      return Fault.ServiceUnavailable()
    case "GatewayTimeout":
      return Fault.GatewayTimeout()
    case "ConnectionReset":
      return Fault.ConnectionReset()
    case "TruncatedBody":
      return Fault.TruncatedBody()
    case "NotJson":
      return Fault.NotJson()
    case "SchemaViolation":
      return Fault.SchemaViolation()
    case "NoAnswer":
      return Fault.NoAnswer()
  }
}

/**
 * Which request gets which fault.
 *
 * @since 0.1.0
 * @category Models
 */
export type FaultPlan = Data.TaggedEnum<{
  None: NoFields
  Script: { readonly faults: ReadonlyArray<Fault | undefined> }
  Function: { readonly faultAt: (index: number) => Fault | undefined }
  Random: {
    readonly seed: number
    readonly probability: number
    readonly kinds: ReadonlyArray<FaultKind>
    readonly settings: Settings
  }
}>

const FaultPlan = Data.taggedEnum<FaultPlan>()

/**
 * No faults: every request gets the real answer.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const none: FaultPlan = FaultPlan.None()

/**
 * Request `i` gets `faults[i]` (`undefined`: the real answer); requests past the end get real answers.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const script = (faults: ReadonlyArray<Fault | FaultKind | undefined>): FaultPlan =>
  FaultPlan.Script({ faults: faults.map((fault) => typeof fault === "string" ? fromKind(fault) : fault) })

/**
 * Request `i` gets `faultAt(i)`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fromFunction = (faultAt: (index: number) => Fault | FaultKind | undefined): FaultPlan =>
  FaultPlan.Function({
    faultAt: (index) => {
      const fault = faultAt(index)
      return typeof fault === "string" ? fromKind(fault) : fault
    }
  })

/**
 * Each request is faulted with `probability`, with a kind drawn from `kinds` (default: the retryable
 * kinds); the choice for request `i` depends only on `seed` and `i`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const random = (
  options: Settings & {
    readonly seed: number
    readonly probability: number
    readonly kinds?: ReadonlyArray<FaultKind> | undefined
  }
): FaultPlan =>
  FaultPlan.Random({
    seed: options.seed,
    probability: options.probability,
    kinds: options.kinds ?? retryableKinds,
    settings: options
  })

/**
 * The fault a plan gives request `index`, if any.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const faultAt = (plan: FaultPlan, index: number): Fault | undefined => {
  switch (plan._tag) {
    case "None":
      return undefined
    case "Script":
      return plan.faults[index]
    case "Function":
      return plan.faultAt(index)
    case "Random": {
      if (plan.kinds.length === 0 || Prng.at(plan.seed, index * 2) >= plan.probability) return undefined
      const kind = plan.kinds[Math.floor(Prng.at(plan.seed, index * 2 + 1) * plan.kinds.length)]!
      return fromKind(kind, plan.settings)
    }
  }
}
