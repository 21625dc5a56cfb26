import { describe, expect, it } from "@effect/vitest"
import { Product } from "@twilio-bindings/domain"
import { Either, Schema } from "effect"

describe("Product", () => {
  const decode = Schema.decodeUnknownEither(Product.Product)

  it("accepts the two products and nothing else", () => {
    expect(Product.values.map((value) => Either.isRight(decode(value)))).toEqual([true, true])
    for (const bad of ["", "Chat", "conversation", " chat", null, 1]) expect(Either.isLeft(decode(bad))).toBe(true)
  })

  it("names each product's host", () => {
    expect(Product.hostLabel).toEqual({ chat: "chat", conversations: "conversations" })
  })
})
