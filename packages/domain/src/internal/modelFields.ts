/**
 * What the model classes (`Binding.Binding`, `ConversationsBinding.ConversationsBinding`) share:
 * the nullable wire field, and the schema's equivalence fed the fields read by name.
 */
import type { Equivalence } from "effect"
import { Schema } from "effect"
import { fieldsOf } from "./wireModel.js"

/**
 * A wire field that Twilio may send as `null`: the key must be present, `null` decodes to
 * `Option.none()`, and `Option.none()` encodes back to `null`.
 */
export const nullable = <S extends Schema.Schema.Any, const Key extends string>(schema: S, key: Key) =>
  Schema.propertySignature(Schema.OptionFromNullOr(schema)).pipe(Schema.fromKey(key))

/**
 * `Schema.equivalence` of the fields, fed plain objects: the struct's equivalence looks for own
 * properties, which a model decoded on the fast path does not have (its fields are read through
 * accessors). Built on first use.
 */
export const equivalenceOf = <Fields extends Schema.Struct.Fields>(fields: Fields) => {
  const names = Object.keys(fields)
  let struct: Equivalence.Equivalence<Schema.Struct.Type<Fields>> | undefined
  return (self: object, that: object): boolean => {
    struct ??= Schema.equivalence(Schema.typeSchema(Schema.Struct(fields)))
    return struct(
      fieldsOf(names, self) as Schema.Struct.Type<Fields>,
      fieldsOf(names, that) as Schema.Struct.Type<Fields>
    )
  }
}
