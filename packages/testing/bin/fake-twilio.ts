#!/usr/bin/env node
/**
 * `pnpm fake-twilio --port 0 --count 5000 --seed 7 [--faults 0.3] [--latency 20]`
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Effect } from "effect"
import * as FakeTwilioCommand from "./command.js"

FakeTwilioCommand.run(process.argv).pipe(Effect.provide(NodeContext.layer), NodeRuntime.runMain)
