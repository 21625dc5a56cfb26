/**
 * Fast decoders for Twilio's wire JSON of Bindings: the hot path of a listing.
 *
 * The schemas (`Binding.Binding`, `BindingPage.BindingPage`) stay the single source of truth. These
 * decoders check the same rules by hand and build the same values, without the schema machinery
 * (about 10x cheaper per binding); a property test proves they accept exactly what the schemas
 * accept and build equal values. When a check fails, the schema decode runs to produce the precise
 * `ParseError`, so errors are identical too. The decoded values may share arrays and objects with the
 * input (`message_types`, `links`): decode what `JSON.parse` gave you, not objects you will mutate.
 *
 * @since 0.1.0
 */
import type { ParseResult } from "effect"
import { Either, Schema } from "effect"
import { Binding } from "./Binding.js"
import { BindingPage, PageMeta } from "./BindingPage.js"
import { isObject, tryBinding, tryBindings } from "./internal/wireCheck.js"

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
export const decodeBinding = (u: unknown): Either.Either<Binding, ParseResult.ParseError> => {
  const binding = tryBinding(u)
  return binding === undefined ? schemaBinding(u) : Either.right(binding)
}

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
