/**
 * Command lines the command must refuse before sending anything: exit 2 and exactly one line on stderr
 * naming the option and the rule. The in-process tests run every case; the spawned tests run the ones
 * marked `spawned`, to show that the process reports them the same way.
 */
import { Generators } from "@twilio-bindings/testing"

export const service = Generators.serviceSid(0)

const pageUrl = `https://chat.twilio.com/v2/Services/${service}/Bindings?PageSize=50&Page=1&PageToken=PT1`

export interface InvalidInput {
  readonly name: string
  /** The arguments after `bindings list`. */
  readonly args: ReadonlyArray<string>
  /** The whole line on stderr, without the `bindings: ` prefix and the line break. */
  readonly line: string
  readonly spawned?: boolean
}

export const invalidInputs: ReadonlyArray<InvalidInput> = [
  {
    name: "a short service SID",
    args: ["--service", "IS123"],
    line: "invalid --service: ServiceSid must be 34 characters (\"IS\" followed by 32 hex digits), got 5",
    spawned: true
  },
  {
    name: "a service SID of another kind",
    args: ["--service", "AC0123456789abcdef0123456789abcdef"],
    line: "invalid --service: ServiceSid must start with \"IS\", got \"AC\""
  },
  {
    name: "no service",
    args: [],
    line: "invalid --service: is required: the Service SID (IS followed by 32 hex digits), or use --demo"
  },
  {
    name: "page size 0",
    args: ["--service", service, "--page-size", "0"],
    line: "invalid --page-size: must be a whole number from 1 to 1000, got 0",
    spawned: true
  },
  {
    name: "page size 1001",
    args: ["--service", service, "--page-size", "1001"],
    line: "invalid --page-size: must be a whole number from 1 to 1000, got 1001"
  },
  {
    name: "page size abc",
    args: ["--service", service, "--page-size", "abc"],
    line: "invalid --page-size: must be a whole number from 1 to 1000, got \"abc\""
  },
  {
    name: "a page size too long for a number, echoed as typed",
    args: ["--service", service, "--page-size", "9999999999999999999999"],
    line: "invalid --page-size: must be a whole number from 1 to 1000, got 9999999999999999999999"
  },
  {
    name: "binding type sms",
    args: ["--service", service, "--binding-type", "sms"],
    line: "invalid --binding-type: binding type must be one of gcm, apn, fcm, got \"sms\""
  },
  {
    name: "an empty binding type",
    args: ["--service", service, "--binding-type", ""],
    line: "invalid --binding-type: binding type must be one of gcm, apn, fcm, got \"\""
  },
  {
    name: "an empty identity",
    args: ["--service", service, "--identity", "alice", "--identity", ""],
    line: "invalid --identity: identity must not be empty"
  },
  {
    name: "a negative limit",
    args: ["--service", service, "--limit", "-1"],
    line: "invalid --limit: must be a whole number >= 0, got -1"
  },
  {
    name: "a limit beyond exact whole numbers, echoed as typed",
    args: ["--service", service, "--limit", "9007199254740993"],
    line: "invalid --limit: must be a whole number >= 0, got 9007199254740993"
  },
  {
    name: "a limit given twice",
    args: ["--service", service, "--limit", "1", "--limit", "2"],
    line: "invalid --limit: was given more than once; it takes one value"
  },
  {
    name: "a format given twice",
    args: ["--service", service, "--format", "csv", "--format=jsonl"],
    line: "invalid --format: was given more than once; it takes one value"
  },
  {
    name: "format xml",
    args: ["--service", service, "--format", "xml"],
    line: "invalid --format: must be one of jsonl, csv, table, got \"xml\"",
    spawned: true
  },
  {
    name: "a zero timeout",
    args: ["--service", service, "--request-timeout", "0"],
    line: "invalid --request-timeout: must be a positive number of seconds, got 0"
  },
  {
    name: "negative retries",
    args: ["--service", service, "--max-retries", "-2"],
    line: "invalid --max-retries: must be a whole number from 0 to 1000, got -2"
  },
  {
    name: "an http base URL off loopback",
    args: ["--service", service, "--base-url", "http://example.com"],
    line: "invalid --base-url: must use https (http only on a loopback host), got \"http://example.com\""
  },
  {
    name: "a log level that does not exist",
    args: ["--service", service, "--log-level", "loud"],
    line: "invalid --log-level: must be one of all, trace, debug, info, warning, error, fatal, none, got \"loud\""
  },
  {
    name: "an unknown option",
    args: ["--service", service, "--bogus"],
    line: "invalid --bogus: is not an option of bindings; see bindings --help",
    spawned: true
  },
  {
    name: "an unknown option 10,000 characters long, cut",
    args: ["--service", service, `--${"x".repeat(10_000)}`],
    line: `invalid --${"x".repeat(97)}…: is not an option of bindings; see bindings --help`
  },
  {
    name: "the wizard, which needs a terminal to answer it",
    args: ["--demo", "--wizard"],
    line: "invalid --wizard: is not an option of bindings; see bindings --help"
  },
  {
    name: "a value given to a flag",
    args: ["--demo=maybe"],
    line: "invalid --demo: takes no value"
  },
  {
    name: "an option without its value",
    args: ["--service", service, "--limit"],
    line: "invalid --limit: needs a value"
  },
  {
    name: "--demo with a service",
    args: ["--demo", "--service", service],
    line: "invalid --demo: cannot be combined with --service (the demo uses its own sample service on an embedded fake)"
  },
  {
    name: "--demo with a base URL",
    args: ["--demo", "--base-url", "https://chat.twilio.com"],
    line:
      "invalid --demo: cannot be combined with --base-url (the demo uses its own sample service on an embedded fake)"
  },
  {
    name: "--demo with a page URL",
    args: ["--demo", "--start-at", pageUrl],
    line:
      "invalid --demo: cannot be combined with --start-at (the demo uses its own sample service on an embedded fake)"
  },
  ...(["--binding-type apn", "--identity alice", "--page-size 20"] as const).map((option): InvalidInput => ({
    name: `--start-at with ${option}`,
    args: ["--service", service, "--start-at", pageUrl, ...option.split(" ")],
    line: `invalid --start-at: cannot be combined with ${
      option.split(" ")[0]
    } (the page URL carries the filters and page size of the listing it resumes)`
  }))
]
