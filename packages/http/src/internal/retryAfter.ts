import { Duration, Option } from "effect"

/**
 * Reads a `Retry-After` header: delay-seconds (`7`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`), relative to `nowMillis`. A date in the past means "now".
 */
export const parseRetryAfter = (header: string, nowMillis: number): Option.Option<Duration.Duration> => {
  // not trimmed here: HTTP parsers (undici, Node's, the fetch Headers) strip the blanks around a value
  if (/^\d+$/.test(header)) return Option.some(Duration.seconds(Number(header)))
  const date = Date.parse(header)
  return Number.isNaN(date) ? Option.none() : Option.some(Duration.millis(Math.max(0, date - nowMillis)))
}
