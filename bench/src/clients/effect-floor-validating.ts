/**
 * The Effect floor on undici (as `effect-floor.ts`, the transport of `lib.ts`), each page checked with
 * the library's own validator before anything is done with it (`WireDecoder.validateBindingPageWire`,
 * the check behind every listing of the library): what a program that validates, as this library
 * does, pays at the least. See `effect-floor-loop.ts`.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { WireDecoder } from "@twilio-bindings/domain"
import { Either } from "effect"
import { runEffectFloor } from "./effect-floor-loop.js"

runEffectFloor(NodeHttpClient.layerUndici, (page) => Either.isRight(WireDecoder.validateBindingPageWire(page)))
