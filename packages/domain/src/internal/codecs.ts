/** Each Binding resource's codec (see `wireCodec.ts`), built once. */
import type { Binding, BindingWire } from "../Binding.js"
import { Binding as BindingSchema } from "../Binding.js"
import { BindingPage } from "../BindingPage.js"
import type { ConversationsBindingWire } from "../ConversationsBinding.js"
import { ConversationsBinding, ConversationsBindingPage } from "../ConversationsBinding.js"
import { conversationsModel, model } from "./bindingWire.js"
import * as WireCodec from "./wireCodec.js"

/** Chat v2's Bindings. */
export const chat: WireCodec.WireCodec<Binding, BindingWire, BindingPage> = WireCodec.make({
  model,
  item: BindingSchema,
  page: BindingPage,
  makePage: (bindings, meta) => new BindingPage({ bindings, meta }, true)
})

/** Conversations v1's Bindings. */
export const conversations: WireCodec.WireCodec<
  ConversationsBinding,
  ConversationsBindingWire,
  ConversationsBindingPage
> = WireCodec.make({
  model: conversationsModel,
  item: ConversationsBinding,
  page: ConversationsBindingPage,
  makePage: (bindings, meta) => new ConversationsBindingPage({ bindings, meta }, true)
})
