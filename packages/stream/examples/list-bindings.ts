import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Sid } from "@twilio-bindings/domain"
import { TwilioHttpClient } from "@twilio-bindings/http"
import { Bindings } from "@twilio-bindings/stream"
import { Console, Effect, Layer, Stream } from "effect"

const service = Sid.ServiceSid.make("IS0123456789abcdef0123456789abcdef")

const program = Bindings.stream(service, { bindingType: ["gcm", "apn"], identity: ["alice"] }, { limit: 500 }).pipe(
  Stream.runForEach((binding) => Console.log(binding.sid, binding.bindingType))
)

const MainLayer = Bindings.layer.pipe(
  Layer.provide(TwilioHttpClient.layerConfig()),
  Layer.provide(NodeHttpClient.layerUndici)
)

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
