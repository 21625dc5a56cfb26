/**
 * The JSON body of a Twilio error response.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * `{ "code": 20404, "message": "...", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404 }`
 *
 * `more_info` is optional on decode because some proxies and older endpoints leave it out; the
 * other three fields are what every Twilio error body carries.
 *
 * @since 0.1.0
 * @category Models
 */
export class TwilioErrorBody extends Schema.Class<TwilioErrorBody>("TwilioErrorBody")({
  /** Twilio's error code, e.g. `20404`; see https://www.twilio.com/docs/errors. */
  code: Schema.Int,
  /** A human-readable explanation. */
  message: Schema.String,
  /** A link to the error code's documentation. */
  moreInfo: Schema.optionalWith(Schema.String, { exact: true }).pipe(Schema.fromKey("more_info")),
  /** The HTTP status code. */
  status: Schema.Int
}) {}
