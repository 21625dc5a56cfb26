/**
 * Branded SIDs, the Binding models of Chat v2 and Conversations v1, pages, list parameters, the
 * resources' descriptions and Twilio's error body.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Binding from "./Binding.js"

/**
 * @since 0.1.0
 */
export * as BindingPage from "./BindingPage.js"

/**
 * @since 0.1.0
 */
export * as BindingType from "./BindingType.js"

/**
 * @since 0.1.0
 */
export * as ConversationsBinding from "./ConversationsBinding.js"

/**
 * @since 0.1.0
 */
export * as ListBindingsParams from "./ListBindingsParams.js"

/**
 * @since 0.1.0
 */
export * as ListConversationsBindingsParams from "./ListConversationsBindingsParams.js"

/**
 * @since 0.1.0
 */
export * as Product from "./Product.js"

/**
 * @since 0.1.0
 */
export * as Resource from "./Resource.js"

/**
 * @since 0.1.0
 */
export * as Sid from "./Sid.js"

/**
 * @since 0.1.0
 */
export * as TwilioDateTime from "./TwilioDateTime.js"

/**
 * @since 0.1.0
 */
export * as TwilioErrorBody from "./TwilioErrorBody.js"

/**
 * @since 0.1.0
 */
export * as WireDecoder from "./WireDecoder.js"

/**
 * @since 0.1.0
 */
export * as WireEncoder from "./WireEncoder.js"
