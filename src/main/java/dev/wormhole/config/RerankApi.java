package dev.wormhole.config;

/**
 * The rerank API an OpenAI-dialect upstream speaks at {@code <base-url>/rerank}: OpenAI-compatible (Jina, vLLM:
 * {@code top_n}, {@code results}, {@code usage.total_tokens}), Cohere v2 ({@code results}, billed in search
 * units) or Voyage AI ({@code top_k}, {@code data}, {@code usage.total_tokens}). Written in configuration in
 * lower case, e.g. {@code cohere}.
 */
public enum RerankApi {
    OPENAI, COHERE, VOYAGE
}
