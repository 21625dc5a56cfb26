/**
 * Fast encoding of Bindings back to Twilio's wire JSON: the hot path of an export.
 *
 * `Schema.encode(Binding.Binding)` is the source of truth; this encoder writes the same object, with
 * the same keys in the same order (so `JSON.stringify` gives the same text), without the schema
 * machinery. A property test holds the two equal.
 *
 * @since 0.1.0
 */
import type { Option } from "effect"
import type { Binding, BindingWire } from "./Binding.js"
import { model } from "./internal/bindingWire.js"
import { chat } from "./internal/codecs.js"
import * as TwilioDateTime from "./TwilioDateTime.js"

/** `Option.getOrNull` without the dual dispatch: this runs ten times per binding. */
const orNull = <A>(option: Option.Option<A>): A | null => option._tag === "Some" ? option.value : null

/** `date_created` and `date_updated` as wire text; an instant shared by both is formatted once. */
const wireDates = (binding: Binding): readonly [string | null, string | null] => {
  const dateCreated = binding.dateCreated
  const dateUpdated = binding.dateUpdated
  const created = dateCreated._tag === "Some" ? TwilioDateTime.format(dateCreated.value) : null
  const updated = dateUpdated._tag === "None"
    ? null
    : dateUpdated === dateCreated
    ? created
    : TwilioDateTime.format(dateUpdated.value)
  return [created, updated]
}

/**
 * Encodes one Binding; the same value as `Schema.encodeSync(Binding.Binding)`. The result may share
 * arrays and objects (`message_types`, `links`) with the Binding, which are immutable.
 *
 * @since 0.1.0
 * @category Encoding
 */
export const encodeBinding = (binding: Binding): BindingWire => {
  // a Binding from WireDecoder still holds its validated record: write it out without decoding a field
  const record = model.wireOf(binding)
  if (record !== undefined) return model.canonical(record) as BindingWire
  const [created, updated] = wireDates(binding)
  const wire = {
    sid: orNull(binding.sid),
    account_sid: orNull(binding.accountSid),
    service_sid: orNull(binding.serviceSid),
    credential_sid: orNull(binding.credentialSid),
    date_created: created,
    date_updated: updated,
    endpoint: orNull(binding.endpoint),
    identity: orNull(binding.identity),
    binding_type: binding.bindingType,
    message_types: orNull(binding.messageTypes),
    url: orNull(binding.url)
  }
  return binding.links._tag === "Some" ? { ...wire, links: binding.links.value } : wire
}

/**
 * Encodes Bindings; the same value as `Schema.encodeSync(Schema.Array(Binding.Binding))`.
 *
 * @since 0.1.0
 * @category Encoding
 */
export const encodeBindings = (bindings: ReadonlyArray<Binding>): Array<BindingWire> => bindings.map(encodeBinding)

/**
 * One Binding as a line of wire JSON: `JSON.stringify(encodeBinding(binding))`. A Binding from
 * `WireDecoder` that is as Twilio sent it is written in one native call (its record is its encoding).
 *
 * @since 0.1.0
 * @category Encoding
 */
export const encodeBindingJson = (binding: Binding): string => JSON.stringify(encodeBinding(binding))

/**
 * The wire object `Schema.encode(Binding.Binding)` writes for a record that
 * `WireDecoder.validateBindingWire` accepted, without building the model: its fields only, in the
 * schema's order, timestamps in Twilio's UTC form, `links` left out when absent. A record already in
 * that form (as Twilio sends it) is returned itself; otherwise the result may share arrays and
 * objects with the record. Only for validated records: anything else gives an unspecified result.
 *
 * @since 0.1.0
 * @category Encoding
 */
export const canonicalBindingWire: (wire: BindingWire) => BindingWire = chat.canonical
