/**
 * Fast decoders for Twilio's wire JSON of Bindings: the hot path of a listing.
 *
 * The schemas (`Binding.Binding`, `BindingPage.BindingPage`) stay the single source of truth. These
 * decoders check the same rules by hand, without the schema machinery, and a property test proves
 * they accept exactly what the schemas accept and give equal values. When a check fails, the schema
 * decode runs to produce the precise `ParseError`, so errors are identical too.
 *
 * A Binding decoded here keeps its validated wire record and computes each field on first read (then
 * caches it): a listing that counts, filters or forwards bindings never pays for the Options and
 * `DateTime`s it does not read. It is an `instanceof Binding.Binding` that `Equal.equals`,
 * `Hash.hash`, `Schema.equivalence`, `Schema.encode`, `JSON.stringify`, `String` and `util.inspect`
 * treat exactly as the schema's own instance with the same fields. What differs: it has no own
 * enumerable properties, so `Object.keys`, object spread and `structuredClone` see none of its fields
 * (read them by name, or build a schema instance with `new Binding.Binding({ sid: b.sid, … })`).
 * The values share arrays and objects with the input (`message_types`, `links`): decode what
 * `JSON.parse` gave you, not objects you will mutate.
 *
 * @since 0.1.0
 */
import type { ParseResult } from "effect"
import { Either, Schema } from "effect"
import type { BindingWire } from "./Binding.js"
import { Binding } from "./Binding.js"
import { BindingPage, PageMeta } from "./BindingPage.js"
import { allValid, model, tryBindings } from "./internal/bindingWire.js"
import { isObject } from "./internal/wireModel.js"

const schemaBinding = Schema.decodeUnknownEither(Binding)
const schemaBindings = Schema.decodeUnknownEither(Schema.Array(Binding))
const schemaPage = Schema.decodeUnknownEither(BindingPage)
const schemaMeta = Schema.decodeUnknownEither(PageMeta)

/**
 * Decodes one wire binding; the same result as `Schema.decodeUnknownEither(Binding.Binding)`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBinding = (u: unknown): Either.Either<Binding, ParseResult.ParseError> =>
  model.isValid(u) ? Either.right(model.wrap(u)) : schemaBinding(u)

/**
 * Decodes an array of wire bindings; the same result as `Schema.decodeUnknownEither(Schema.Array(Binding.Binding))`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBindings = (u: unknown): Either.Either<ReadonlyArray<Binding>, ParseResult.ParseError> => {
  const bindings = Array.isArray(u) ? tryBindings(u) : undefined
  return bindings === undefined ? schemaBindings(u) : Either.right(bindings)
}

/**
 * Decodes a page body (`{ bindings, meta }`); the same result as
 * `Schema.decodeUnknownEither(BindingPage.BindingPage)`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBindingPage = (u: unknown): Either.Either<BindingPage, ParseResult.ParseError> => {
  if (!isObject(u)) return schemaPage(u)
  const bindings = decodeBindings(u.bindings)
  const meta = schemaMeta(u.meta)
  if (Either.isLeft(bindings) || Either.isLeft(meta)) return schemaPage(u)
  return Either.right(new BindingPage({ bindings: bindings.right, meta: meta.right }, true))
}

/**
 * Validates one wire binding by exactly the rules of `Binding.Binding` and gives back the input
 * itself, typed, without building a model: what an export needs to write the record out again. It
 * accepts exactly what `Schema.decodeUnknownEither(Binding.Binding)` accepts and fails with the same
 * `ParseError`. The record is returned as it came, unknown extra fields and all; for the object
 * `Schema.encode` would write (its fields only, in order, timestamps in UTC) pass it to
 * `WireEncoder.canonicalBindingWire`.
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateBindingWire = (u: unknown): Either.Either<BindingWire, ParseResult.ParseError> => {
  if (model.isValid(u)) return Either.right(u as BindingWire)
  return Either.map(schemaBinding(u), () => u as BindingWire)
}

/**
 * Validates an array of wire bindings as {@link validateBindingWire} does one, and gives back the
 * input array itself; the same errors as `Schema.decodeUnknownEither(Schema.Array(Binding.Binding))`
 * (the first bad element, at its index).
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateBindingsWire = (
  u: unknown
): Either.Either<ReadonlyArray<BindingWire>, ParseResult.ParseError> => {
  if (Array.isArray(u) && allValid(u)) return Either.right(u as ReadonlyArray<BindingWire>)
  return Either.map(schemaBindings(u), () => u as ReadonlyArray<BindingWire>)
}

/**
 * Validates a page body (`{ bindings, meta }`) by exactly the rules of `BindingPage.BindingPage`
 * (the same errors as `Schema.decodeUnknownEither(BindingPage.BindingPage)`) and gives back its
 * bindings as the wire records themselves, no model built, with its `meta` decoded: a page of an
 * export that writes the records out again (see `WireEncoder.canonicalBindingWire`).
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateBindingPageWire = (u: unknown): Either.Either<
  { readonly bindings: ReadonlyArray<BindingWire>; readonly meta: PageMeta },
  ParseResult.ParseError
> => {
  if (isObject(u) && Array.isArray(u.bindings) && allValid(u.bindings)) {
    const meta = schemaMeta(u.meta)
    if (Either.isRight(meta)) {
      return Either.right({ bindings: u.bindings as ReadonlyArray<BindingWire>, meta: meta.right })
    }
  }
  // the schema gives the precise error, or accepts a shape the fast checks leave to it
  return Either.map(schemaPage(u), (page) => ({
    bindings: (u as { readonly bindings: ReadonlyArray<BindingWire> }).bindings,
    meta: page.meta
  }))
}
