/**
 * The Effect floor on undici (`NodeHttpClient.layerUndici`), the transport of `lib.ts`: see
 * `effect-floor-loop.ts` for what it does.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { runEffectFloor } from "./effect-floor-loop.js"

runEffectFloor(NodeHttpClient.layerUndici)
