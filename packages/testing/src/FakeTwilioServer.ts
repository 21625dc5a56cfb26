/**
 * The fake on a real socket: the same handler as `FakeTwilio.layer`, served by @effect/platform's
 * `HttpRouter` on `NodeHttpServer` at 127.0.0.1, plus a second "foreign" listener that records what
 * reaches it (so a test can prove no credentials left the fake's origin).
 *
 * @since 0.1.0
 */
import type { HttpServer, HttpServerError } from "@effect/platform"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "@effect/platform"
// Module paths rather than the barrel: the barrel loads cluster, workers and more (slower command start).
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import { Clock, Context, Duration, Effect, Layer } from "effect"
import type { Scope } from "effect"
import * as Http from "node:http"
import * as FakeTwilio from "./FakeTwilio.js"
import * as Fake from "./internal/fake.js"
import type * as Handler from "./internal/handler.js"

/**
 * How to run the loopback fake: the fake's options plus where to listen.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options extends Omit<FakeTwilio.Options, "origin" | "foreignOrigin"> {
  /** Default 0: any free port. */
  readonly port?: number | undefined
  /** Default 0: any free port. */
  readonly foreignPort?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
}

const listen = (host: string, port: number) =>
  Effect.gen(function*() {
    const nodeServer = Http.createServer()
    const server = yield* NodeHttpServer.make(() => nodeServer, { host, port })
    // Runs before the server's own close: hung requests (NoAnswer) must not hold the shutdown.
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
    const address = server.address
    const origin = address._tag === "TcpAddress" ? `http://${host}:${address.port}` : `http://${host}`
    return { server, origin }
  })

const headersWithout = (headers: Readonly<Record<string, string>>, name: string) => {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(headers)) if (key !== name) out[key] = value
  return out
}

/** The HTTP app over the shared handler: translate the request, then act out the answer on the wire. */
const app = (handler: Handler.Handler, origin: string) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const url = new URL(request.url, origin)
    const atMillis = yield* Clock.currentTimeMillis
    const { answer, id } = handler.handle({ method: request.method, url, headers: request.headers, atMillis })
    // Set when the fake itself closes the connection, so that close is not taken for the client leaving.
    let closedByFake = false
    const sleep = (delay: Duration.Duration) =>
      Duration.greaterThan(delay, Duration.zero) ? Effect.sleep(delay) : Effect.void
    const act: Effect.Effect<HttpServerResponse.HttpServerResponse> = (() => {
      switch (answer._tag) {
        case "Respond":
          return Effect.zipRight(
            sleep(answer.delay),
            Effect.suspend(() => {
              if (answer.status === 204) {
                // no content: no body, and no content type for one
                return Effect.succeed(HttpServerResponse.empty({
                  status: 204,
                  headers: headersWithout(answer.headers, "content-type")
                }))
              }
              if (!answer.truncated) {
                return Effect.succeed(HttpServerResponse.text(answer.body, {
                  status: answer.status,
                  headers: headersWithout(answer.headers, "content-type"),
                  contentType: answer.headers["content-type"]
                }))
              }
              const bytes = Buffer.from(answer.body)
              const response = NodeHttpServerRequest.toServerResponse(request)
              closedByFake = true
              response.writeHead(answer.status, { ...answer.headers, "content-length": String(bytes.length) })
              response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.destroy())
              return Effect.never
            })
          )
        case "Reset":
          return Effect.zipRight(
            sleep(answer.delay),
            Effect.suspend(() => {
              closedByFake = true
              NodeHttpServerRequest.toIncomingMessage(request).socket.resetAndDestroy()
              return Effect.never
            })
          )
        case "Hang":
          return Effect.never
      }
    })()
    return yield* Effect.onInterrupt(act, () =>
      Effect.sync(() => {
        if (!closedByFake) handler.disconnected(id)
      }))
  })

const serve = (server: HttpServer.HttpServer, handler: Handler.Handler, origin: string) =>
  server.serve(HttpRouter.empty.pipe(HttpRouter.all("*", app(handler, origin))))

/**
 * Starts the fake on 127.0.0.1 (and its foreign listener); both stop when the scope closes.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (
  options: Options = {}
): Effect.Effect<FakeTwilio.FakeTwilio.Service, HttpServerError.ServeError, Scope.Scope> =>
  Effect.gen(function*() {
    const host = options.host ?? "127.0.0.1"
    const main = yield* listen(host, options.port ?? 0)
    const foreign = yield* listen(host, options.foreignPort ?? 0)
    const handler = Fake.handlerFor(options, main.origin, foreign.origin)
    yield* serve(main.server, handler, main.origin)
    yield* serve(foreign.server, handler, foreign.origin)
    return Fake.serviceOf(handler)
  })

/**
 * The loopback fake as a scoped layer providing the `FakeTwilio` service (origin `http://127.0.0.1:PORT`).
 * Pair it with a real client layer, e.g. `NodeHttpClient.layerUndici`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Options = {}): Layer.Layer<FakeTwilio.FakeTwilio, HttpServerError.ServeError> =>
  Layer.scopedContext(Effect.map(make(options), (fake) => Context.make(FakeTwilio.FakeTwilio, fake)))
