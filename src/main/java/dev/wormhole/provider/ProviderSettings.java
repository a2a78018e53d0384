package dev.wormhole.provider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.wormhole.config.Dialect;
import dev.wormhole.config.ProviderConfig;
import dev.wormhole.config.RerankApi;

/**
 * Everything a provider instance is built from: one provider's configuration, resolved and immutable.
 * {@link #toString()} redacts the keys and header values so settings can be logged safely.
 */
public record ProviderSettings(
        String id,
        Dialect dialect,
        URI baseUrl,
        List<String> apiKeys,
        Map<String, String> headers,
        String vendor,
        boolean dynamic,
        Quirks quirks,
        Timeouts timeouts,
        int maxConnections,
        long maxFrameBytes,
        long maxBodyBytes,
        Simulation simulation) {

    /**
     * The upstream deadlines of one provider, per attempt: opening a connection, the response headers, the
     * first chunk of a stream, the longest silence between chunks, and the whole exchange.
     */
    public record Timeouts(Duration connect, Duration response, Duration firstToken, Duration idle, Duration total) {
    }

    /**
     * How an upstream departs from OpenAI: the output-limit parameter's name, the parameters it rejects, how
     * its models are listed ({@code openai}, {@code openrouter} or {@code none}), and the output limit sent
     * when the caller set none, where the upstream requires one; and whether an OpenAI-dialect provider
     * generates through the Responses API rather than Chat Completions; and whether the key goes in the
     * query string (Gemini) rather than a header; and the rerank API an OpenAI-dialect provider speaks.
     */
    public record Quirks(String maxTokensParam, java.util.Set<String> unsupportedParams, String discovery,
            int defaultMaxTokens, boolean responsesApi, boolean keyInQuery, RerankApi rerankApi) {

        /** OpenAI itself. */
        public static final Quirks NONE = new Quirks("max_completion_tokens", java.util.Set.of(), "openai", 4096,
                false, false);

        public Quirks {
            unsupportedParams = java.util.Set.copyOf(unsupportedParams);
        }

        /** Quirks of a provider whose rerank API, if any, has OpenAI's shape. */
        public Quirks(String maxTokensParam, java.util.Set<String> unsupportedParams, String discovery,
                int defaultMaxTokens, boolean responsesApi, boolean keyInQuery) {
            this(maxTokensParam, unsupportedParams, discovery, defaultMaxTokens, responsesApi, keyInQuery,
                    RerankApi.OPENAI);
        }

        /** Whether the upstream publishes a model list worth asking for. */
        public boolean listsModels() {
            return !"none".equals(discovery);
        }
    }

    /** Behaviour of a simulated provider (ignored by remote dialects). */
    public record Simulation(Duration firstTokenLatency, int tokensPerSecond, List<String> chatModels,
            List<String> embeddingModels, int embeddingDimensions, List<String> rerankModels,
            List<String> imageModels, List<String> speechModels) {

        public Simulation {
            chatModels = List.copyOf(chatModels);
            embeddingModels = List.copyOf(embeddingModels);
            rerankModels = List.copyOf(rerankModels);
            imageModels = List.copyOf(imageModels);
            speechModels = List.copyOf(speechModels);
        }

        /** A simulation without rerank, image or speech models. */
        public Simulation(Duration firstTokenLatency, int tokensPerSecond, List<String> chatModels,
                List<String> embeddingModels, int embeddingDimensions) {
            this(firstTokenLatency, tokensPerSecond, chatModels, embeddingModels, embeddingDimensions, List.of(),
                    List.of(), List.of());
        }

        static Simulation from(ProviderConfig.Simulator config) {
            return new Simulation(config.firstTokenLatency(), config.tokensPerSecond(), config.chatModels(),
                    config.embeddingModels(), config.embeddingDimensions(), config.rerankModels(),
                    config.imageModels(), config.speechModels());
        }
    }

    public ProviderSettings {
        apiKeys = List.copyOf(apiKeys);
        headers = Map.copyOf(headers);
    }

    /**
     * Whether the upstream speaks {@code api} itself: Anthropic's Messages APIs on the {@code anthropic} dialect,
     * OpenAI's Responses API on an {@code openai} provider configured with {@code wire-api=responses}.
     */
    public boolean speaks(NativeApi api) {
        return switch (api) {
            case MESSAGES, COUNT_TOKENS -> dialect == Dialect.ANTHROPIC;
            case RESPONSES -> dialect == Dialect.OPENAI && quirks.responsesApi();
        };
    }

    /** The URL without user info or query string, either of which may carry a credential. */
    private static String safe(URI url) {
        if (url == null) {
            return null;
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getPath() == null ? "" : url.getPath());
    }

    @Override
    public String toString() {
        return "ProviderSettings[id=" + id + ", dialect=" + dialect + ", baseUrl=" + safe(baseUrl) + ", apiKeys="
                + apiKeys.size() + " redacted, headers=" + headers.keySet() + ", timeouts=" + timeouts
                + ", maxConnections=" + maxConnections + "]";
    }
}
