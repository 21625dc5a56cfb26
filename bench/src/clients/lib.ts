/**
 * This library as a benchmark client, on undici (`NodeHttpClient.layerUndici`), as the README's
 * usage example runs: see `listing.ts` for what it does.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { runListing } from "./listing.js"

runListing(NodeHttpClient.layerUndici)
