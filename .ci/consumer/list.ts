/**
 * A user's program, compiled by tsc as ESM (`list.mts`) and as CommonJS (`list.cts`) against the packed
 * tarballs, then run with plain `node`: it lists every binding of the loopback fake through the real HTTP
 * stack and checks they are exactly the fake's, in order.
 */
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { TwilioHttpClient } from "@twilio-bindings/http"
import { Bindings } from "@twilio-bindings/stream"
import { FakeTwilio, FakeTwilioServer } from "@twilio-bindings/testing"
import { Chunk, Console, Effect, Layer, Option, Stream } from "effect"

const program = Effect.gen(function*() {
  const fake = yield* FakeTwilio.FakeTwilio
  const listed = yield* Stream.runCollect(Bindings.stream(fake.serviceSid, { pageSize: 40 }))
  const expected = fake.listing(fake.serviceSid, {}).map((binding) => binding.sid)
  const sids = Chunk.toReadonlyArray(listed).map((binding) => Option.getOrNull(binding.sid))
  if (sids.length === 0 || sids.join() !== expected.join()) {
    return yield* Effect.dieMessage(`listed ${sids.length} bindings, expected the fake's ${expected.length}`)
  }
  yield* Console.log(`listed ${sids.length} bindings`)
})

const Live = Bindings.layer.pipe(
  Layer.provide(TwilioHttpClient.layerConfig()),
  Layer.provide(NodeHttpClient.layerUndici),
  Layer.provide(FakeTwilio.layerConfigProvider()),
  Layer.provideMerge(FakeTwilioServer.layer({ services: [{ seed: 11, count: 250 }] }))
)

program.pipe(Effect.provide(Live), NodeRuntime.runMain)
