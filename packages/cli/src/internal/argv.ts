/**
 * Splits the command line with Node's `util.parseArgs`, using the options' own `Usage` to know which
 * options take a value and which may repeat. @effect/cli's `Options.parse` then validates and builds
 * the values from the split.
 *
 * The split is not @effect/cli's because its 0.77 matcher trims the values of repeated options and
 * drops empty ones (`--identity ""` would silently mean "no filter"), reports a repeated single option
 * as an unknown argument, and knows its built-in options only before the subcommand.
 *
 * @internal
 */
import type { Usage } from "@effect/cli"
import { Either, HashMap, Option } from "effect"
import { parseArgs, type ParseArgsConfig } from "node:util"

/** `parseArgs`' table of options, by long name. */
export type OptionTable = NonNullable<ParseArgsConfig["options"]>

/**
 * `parseArgs`' table of the options in `usage`, keyed by their long name: whether each takes a value,
 * whether it may repeat, and its one-letter alias.
 */
export const optionTable = (usage: Usage.Usage): OptionTable => {
  const table: Record<string, OptionTable[string]> = {}
  const walk = (usage: Usage.Usage, multiple: boolean): void => {
    switch (usage._tag) {
      case "Named": {
        // @effect/cli sorts the names, so `-h` comes before `--help`.
        const long = usage.names.find((name) => name.startsWith("--"))!
        const short = usage.names.find((name) => /^-[^-]$/.test(name))?.slice(1)
        table[long.slice(2)] = {
          type: Option.isSome(usage.acceptedValues) ? "string" : "boolean",
          multiple,
          ...(short === undefined ? {} : { short })
        }
        return
      }
      case "Optional":
        return walk(usage.usage, multiple)
      case "Repeated":
        return walk(usage.usage, true)
      case "Concat":
      case "Alternation":
        walk(usage.left, multiple)
        return walk(usage.right, multiple)
      default:
        return
    }
  }
  walk(usage, false)
  return table
}

/** A command line, split. */
export interface Split {
  /** The arguments that are not options or their values, in order (the subcommand). */
  readonly positionals: ReadonlyArray<string>
  /** The values of each option given, by its long name, in the order typed (`[]` for a flag without one). */
  readonly values: HashMap.HashMap<string, ReadonlyArray<string>>
}

/** What is wrong with a command line: the option (or argument) and the rule. */
export interface SplitError {
  readonly option: string
  readonly rule: string
}

/**
 * Splits `args` (a refused option is said not to be one of `command`). An option's value is the next argument as typed (even empty, even starting with `-`),
 * or the text after `=`. Fails on an unknown option, a missing value, a value given to a flag, or a
 * single option given twice.
 *
 * `parseArgs` runs lenient and its tokens are checked here, because its strict mode refuses a value
 * that starts with `-` (`--limit -1`, an identity `-alice`) as ambiguous instead of letting the
 * option's own rule judge it, gives one error code to a missing value, a value given to a flag and
 * such an ambiguous value, and never reports a single-valued option given twice.
 */
export const split = (
  args: ReadonlyArray<string>,
  table: OptionTable,
  command: string = "bindings"
): Either.Either<Split, SplitError> => {
  const { tokens } = parseArgs({ args: [...args], options: table, strict: false, allowPositionals: true, tokens: true })
  const positionals: Array<string> = []
  const values = new Map<string, Array<string>>()
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value)
    if (token.kind !== "option") continue
    const option = table[token.name]
    const name = `--${token.name}`
    if (option === undefined) {
      // a short option is named as the whole argument it came in (`-h=1`, not its `-=`)
      const typed = token.rawName.startsWith("--") ? token.rawName : args[token.index] ?? token.rawName
      return Either.left({ option: typed, rule: `is not an option of ${command}; see bindings --help` })
    }
    if (option.type === "boolean" && token.value !== undefined) {
      return Either.left({ option: name, rule: "takes no value" })
    }
    if (option.type === "string" && token.value === undefined) {
      return Either.left({ option: name, rule: "needs a value" })
    }
    const before = values.get(name)
    if (before !== undefined && !option.multiple) {
      return Either.left({ option: name, rule: "was given more than once; it takes one value" })
    }
    values.set(name, [...(before ?? []), ...(token.value === undefined ? [] : [token.value])])
  }
  return Either.right({ positionals, values: HashMap.fromIterable(values) })
}
