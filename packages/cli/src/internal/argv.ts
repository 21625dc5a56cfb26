/**
 * Splits the command line into positionals and option values, using the options' own `Usage` to know
 * which options take a value and which may repeat. @effect/cli's `Options.parse` then validates and
 * builds the values from the split.
 *
 * The split is done here because @effect/cli 0.77's matcher trims the values of repeated options and
 * drops empty ones (`--identity ""` would silently mean "no filter"), reports a repeated single option
 * as an unknown argument, and knows its built-in options only before the subcommand.
 *
 * @internal
 */
import type { Usage } from "@effect/cli"
import { Either, HashMap, Option } from "effect"

interface Flag {
  /** The first (long) name: the key of the option's values. */
  readonly name: string
  readonly takesValue: boolean
  readonly repeatable: boolean
}

/** Every name (aliases included) of the options in `usage`, with how each is given. */
export const flagsOf = (usage: Usage.Usage): ReadonlyMap<string, Flag> => {
  const flags = new Map<string, Flag>()
  const walk = (usage: Usage.Usage, repeatable: boolean): void => {
    switch (usage._tag) {
      case "Named": {
        const flag = { name: usage.names[0]!, takesValue: Option.isSome(usage.acceptedValues), repeatable }
        for (const name of usage.names) flags.set(name, flag)
        return
      }
      case "Optional":
        return walk(usage.usage, repeatable)
      case "Repeated":
        return walk(usage.usage, true)
      case "Concat":
      case "Alternation":
        walk(usage.left, repeatable)
        return walk(usage.right, repeatable)
      default:
        return
    }
  }
  walk(usage, false)
  return flags
}

/** A command line, split. */
export interface Split {
  /** The arguments that are not options or their values, in order (the subcommand). */
  readonly positionals: ReadonlyArray<string>
  /** The values of each option given, by its first name, in the order typed (`[]` for a flag without one). */
  readonly values: HashMap.HashMap<string, ReadonlyArray<string>>
}

/** What is wrong with a command line: the option (or argument) and the rule. */
export interface SplitError {
  readonly option: string
  readonly rule: string
}

/**
 * Splits `args`. An option's value is the next argument as typed (even empty, even starting with `-`),
 * or the text after `=`. Fails on an unknown option, a missing value, a value given to a flag, or a
 * single option given twice.
 */
export const split = (
  args: ReadonlyArray<string>,
  flags: ReadonlyMap<string, Flag>
): Either.Either<Split, SplitError> => {
  const positionals: Array<string> = []
  const values = new Map<string, Array<string>>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "--") {
      positionals.push(...args.slice(i + 1))
      break
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg)
      continue
    }
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1
    const name = equals === -1 ? arg : arg.slice(0, equals)
    const flag = flags.get(name)
    if (flag === undefined) {
      return Either.left({ option: name, rule: "is not an option of bindings; see bindings --help" })
    }
    let given: Array<string> = []
    if (equals !== -1) {
      if (!flag.takesValue) return Either.left({ option: flag.name, rule: "takes no value" })
      given = [arg.slice(equals + 1)]
    } else if (flag.takesValue) {
      if (i + 1 >= args.length) return Either.left({ option: flag.name, rule: "needs a value" })
      given = [args[++i]!]
    }
    const before = values.get(flag.name)
    if (before !== undefined && !flag.repeatable) {
      return Either.left({ option: flag.name, rule: "was given more than once; it takes one value" })
    }
    values.set(flag.name, [...(before ?? []), ...given])
  }
  return Either.right({ positionals, values: HashMap.fromIterable(values) })
}
