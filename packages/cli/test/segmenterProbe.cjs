// Preloaded into a spawned bin (`NODE_OPTIONS=--require …`) by e2e.test.ts: says on stderr when an
// `Intl.Segmenter` is made, which the text-measuring code (string-width) does as it loads.
const Segmenter = Intl.Segmenter
Intl.Segmenter = class extends Segmenter {
  constructor(...args) {
    super(...args)
    process.stderr.write("probe: Intl.Segmenter made\n")
  }
}
