/**
 * The program behind `bindings get`: one binding of a service, written in the chosen format, or exit
 * code 1 when the service has none with that SID (or there is no such service).
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import type { Sid } from "@twilio-bindings/domain"
import { Resource } from "@twilio-bindings/domain"
import { Effect, Option, Schema } from "effect"
import type { CommandError } from "./CliError.js"
import { BindingNotFound, invalidOption, ServiceNotFound } from "./CliError.js"
import * as Format from "./Format.js"
import type { ConnectionOptions } from "./internal/connection.js"
import * as Connection from "./internal/connection.js"
import { Stdio } from "./Stdio.js"

/**
 * The options of `bindings get`, each already decoded with its schema.
 *
 * @since 0.1.0
 * @category Models
 */
export interface GetOptions extends ConnectionOptions {
  /** Required: checked by {@link run}, which says so in the command's words. */
  readonly sid: Option.Option<Sid.BindingSid>
  readonly format: Option.Option<Format.Format>
  readonly csvRaw: boolean
}

const encoders = {
  chat: Schema.encodeSync(Resource.ChatBindings.Item),
  conversations: Schema.encodeSync(Resource.ConversationsBindings.Item)
}

/**
 * `bindings get`: fetches the binding and writes it (with the format's header), or fails with
 * `BindingNotFound`, or `ServiceNotFound` when the service itself does not exist.
 *
 * @since 0.1.0
 * @category Programs
 */
export const run = (options: GetOptions): Effect.Effect<void, CommandError, Stdio | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    if (Option.isNone(options.sid)) {
      return yield* invalidOption("--sid", "is required: the binding to show (BS followed by 32 hex digits)")
    }
    const sid = options.sid.value
    const source = yield* Connection.source(options)
    const connection = yield* Connection.connect(source, options, "showing a binding of")
    const { product, serviceSid } = connection
    const found: Option.Option<Format.WireRecord> = product === "chat"
      ? Option.map(yield* connection.bindings.fetch(serviceSid, sid), encoders.chat)
      : Option.map(yield* connection.conversations.fetch(serviceSid, sid), encoders.conversations)
    if (Option.isNone(found)) {
      // Twilio answers 404 for a service that does not exist too: say which is missing (a failed
      // check leaves the answer the binding's)
      const noService = yield* Effect.match(Connection.probeService(connection), {
        onFailure: Connection.isNoSuchService,
        onSuccess: () => false
      })
      return yield* noService
        ? new ServiceNotFound({ serviceSid, product })
        : new BindingNotFound({ serviceSid, bindingSid: sid })
    }
    const stdio = yield* Stdio
    const formatter = yield* Format.make(
      Option.getOrElse(options.format, (): Format.Format => stdio.stdout.isTTY ? "table" : "jsonl"),
      {
        width: Option.getOrElse(stdio.stdout.columns, () => Format.DEFAULT_TABLE_WIDTH),
        csvRaw: options.csvRaw,
        product
      }
    )
    yield* stdio.stdout.write(formatter.header + formatter.page([found.value]))
  })
