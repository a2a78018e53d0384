/**
 * OpenAI's wire format exactly as the upstream speaks it (Chat Completions, Embeddings, Models), and the rerank
 * APIs an OpenAI-dialect provider may speak (OpenAI-compatible, Cohere v2, Voyage AI). Serialized by the dialect's
 * own ObjectMapper calls, outside any REST signature, hence registered for reflection.
 */
package dev.wormhole.provider.openai.wire;
