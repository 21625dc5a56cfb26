/**
 * Options whose text is decoded with a schema, and the usage line of options as it is typed.
 *
 * @internal
 */
import type { Usage } from "@effect/cli"
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import type { FileSystem, Path, Terminal } from "@effect/platform"
import { TwilioError } from "@twilio-bindings/http"
import { Effect, Either, Option, Schema, SchemaAST } from "effect"

/** Typed text as a message shows it: cut after 100 characters, so that the message stays one readable line. */
export const cut = (text: string) => text.length > 100 ? `${text.slice(0, 99)}…` : text

/** How a value that broke a rule is echoed: as typed, quoted unless it is a plain number, cut when long. */
export const shown = (text: string) => {
  const short = cut(text)
  return /^[+-]?\d+(\.\d+)?$/.test(short) ? short : JSON.stringify(short)
}

export type OptionsContext = FileSystem.FileSystem | Path.Path | Terminal.Terminal

/**
 * Decodes an option's text with `schema`. A failure names the option and says the rule: `must be`
 * the schema's `description` and the text as typed, for schemas that would otherwise show the decoded
 * value (`1e+22` for a long number); the schema's own message for the others.
 */
const decodeText = <A, I>(name: string, schema: Schema.Schema<A, I>, echo: boolean) => {
  const decode = Schema.decodeUnknownEither(schema)
  const description = SchemaAST.getDescriptionAnnotation(schema.ast)
  return (text: string): Effect.Effect<A, ValidationError.ValidationError, OptionsContext> =>
    Either.mapLeft(decode(text), (error) => {
      const rule = echo && Option.isSome(description)
        ? `must be ${description.value}, got ${shown(text)}`
        : TwilioError.firstIssue(error).message
      return ValidationError.invalidValue(HelpDoc.p(`invalid --${name}: ${rule}`))
    })
}

interface OptionDoc {
  readonly pseudoName: string
  readonly description: string
  /** Whether a refused value is echoed as typed after the schema's description (see `decodeText`). */
  readonly echo?: boolean
}

/** An option whose text is decoded with `schema`. */
export const decoded = <A, I>(name: string, schema: Schema.Schema<A, I>, doc: OptionDoc) =>
  Options.text(name).pipe(
    Options.withPseudoName(doc.pseudoName),
    Options.withDescription(doc.description),
    Options.mapEffect(decodeText(name, schema, doc.echo ?? false))
  )

/** A repeatable option whose every value is decoded with `schema`. */
export const repeatedDecoded = <A, I>(name: string, schema: Schema.Schema<A, I>, doc: OptionDoc) =>
  Options.text(name).pipe(
    Options.withPseudoName(doc.pseudoName),
    Options.withDescription(doc.description),
    Options.repeated,
    Options.mapEffect((texts) => Effect.forEach(texts, decodeText(name, schema, doc.echo ?? false)))
  )

/** A whole number as typed: digits only, and exact (a longer one would be rounded by `Number`). */
const WholeNumberText = Schema.compose(
  Schema.String.pipe(Schema.pattern(/^[+-]?\d+$/)),
  Schema.NumberFromString
).pipe(Schema.filter(Number.isSafeInteger))

/** `schema` read from a whole number's text; the description (the rule) stays `schema`'s. */
export const fromWholeNumber = (schema: Schema.Schema<number>) =>
  Schema.compose(WholeNumberText, schema).annotations({
    description: Option.getOrElse(SchemaAST.getDescriptionAnnotation(schema.ast), () => "a whole number")
  })

/** Usage as it is typed: optional options in brackets, repeatable ones followed by `...`. */
export const usageText = (usage: Usage.Usage): string => {
  switch (usage._tag) {
    case "Named":
      return Option.match(usage.acceptedValues, {
        onNone: () => usage.names[0]!,
        onSome: (value) => `${usage.names[0]!} ${value}`
      })
    case "Optional":
      return `[${usageText(usage.usage)}]`
    case "Repeated":
      return `[${usageText(usage.usage)}]...`
    case "Concat":
      return `${usageText(usage.left)} ${usageText(usage.right)}`
    case "Alternation":
      return `${usageText(usage.left)} | ${usageText(usage.right)}`
    default:
      return ""
  }
}

/** `doc` without its first paragraph. */
const withoutFirstParagraph = (doc: HelpDoc.HelpDoc): HelpDoc.HelpDoc =>
  doc._tag === "Paragraph"
    ? HelpDoc.empty
    : doc._tag === "Sequence"
    ? HelpDoc.isEmpty(withoutFirstParagraph(doc.left))
      ? doc.right
      : HelpDoc.sequence(withoutFirstParagraph(doc.left), doc.right)
    : doc

/**
 * The help of `options` without the line @effect/cli puts first under each option to name the type
 * of its value ("A user-defined piece of text."): the placeholder and the description say more.
 */
export const optionsHelp = <A>(options: Options.Options<A>): HelpDoc.HelpDoc => {
  // one description list per option, joined by sequences
  const lists = (doc: HelpDoc.HelpDoc): HelpDoc.HelpDoc =>
    doc._tag === "Sequence"
      ? HelpDoc.sequence(lists(doc.left), lists(doc.right))
      : HelpDoc.mapDescriptionList(doc, (span, block) => [span, withoutFirstParagraph(block)])
  return lists(Options.getHelp(options))
}
