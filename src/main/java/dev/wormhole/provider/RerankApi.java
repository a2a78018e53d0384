package dev.wormhole.provider;

import java.util.Locale;

/**
 * The rerank API an OpenAI-dialect upstream speaks at {@code <base-url>/rerank}: OpenAI-compatible (Jina, vLLM:
 * {@code top_n}, {@code results}, {@code usage.total_tokens}), Cohere v2 ({@code results}, billed in search
 * units) or Voyage AI ({@code top_k}, {@code data}, {@code usage.total_tokens}).
 */
public enum RerankApi {
    OPENAI, COHERE, VOYAGE;

    /** The API named by the setting {@code rerank-api} (validated at startup). */
    public static RerankApi of(String setting) {
        return valueOf(setting.toUpperCase(Locale.ROOT));
    }
}
