import { Duration, Option } from "effect"

/**
 * Reads a `Retry-After` header: delay-seconds (`7`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`), relative to `nowMillis`. A date in the past means "now".
 */
export const parseRetryAfter = (header: string, nowMillis: number): Option.Option<Duration.Duration> => {
  const text = header.trim()
  if (/^\d+$/.test(text)) return Option.some(Duration.seconds(Number(text)))
  const date = Date.parse(text)
  return Number.isNaN(date) ? Option.none() : Option.some(Duration.millis(Math.max(0, date - nowMillis)))
}
