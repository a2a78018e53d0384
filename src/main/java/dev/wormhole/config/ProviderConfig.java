package dev.wormhole.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** One upstream provider, {@code wormhole.providers.<id>.*}. */
public interface ProviderConfig {

    /** Wire protocol the provider speaks: {@code openai} or {@code simulator}. */
    Dialect dialect();

    /** Set to false to keep the entry configured but unavailable. */
    @WithDefault("true")
    boolean enabled();

    /** Base URL of the upstream API, e.g. {@code https://api.openai.com/v1}; the dialect's default when unset. */
    Optional<URI> baseUrl();

    /** Upstream API keys; several keys are used in turn. Never logged or shown. */
    Optional<List<String>> apiKeys();

    /**
     * The vendor whose well-known models enrich this provider's catalog and stand in for it offline (e.g.
     * {@code openai}, {@code groq}); inferred from the base URL's host when unset.
     */
    Optional<String> vendor();

    /**
     * A provider whose models come and go (a local server): its models are never refused for a capability the
     * catalog lacks, and unknown ones pass through.
     */
    @WithDefault("false")
    boolean dynamic();

    /**
     * An OpenAI-compatible vendor profile ({@code vendors/profiles.json}: groq, mistral, openrouter, deepseek,
     * together, fireworks, xai, perplexity, zai, vllm, lmstudio, llamacpp, ollama) supplying the default base URL,
     * the output-limit parameter name, the unsupported parameters and the discovery style.
     */
    Optional<String> profile();

    /** Name of the output-limit parameter sent upstream: {@code max_tokens} or {@code max_completion_tokens}. */
    Optional<MaxTokensParam> maxTokensParam();

    /** Request parameters this provider rejects; a request using one is refused with a 400 before any I/O. */
    Optional<List<String>> unsupportedParams();

    /** Extra headers sent upstream with every request (e.g. {@code OpenAI-Organization}). */
    Map<String, String> headers();

    /** Time allowed to open a TCP/TLS connection to the upstream. */
    @WithDefault("5s")
    @DurationMin(millis = 1)
    Duration connectTimeout();

    /**
     * Time allowed from sending a non-streamed request to the upstream's response headers (which come once the
     * whole answer is generated).
     */
    @WithDefault("60s")
    @DurationMin(millis = 1)
    Duration responseTimeout();

    /** Longest silence allowed between two chunks of an upstream response. */
    @WithDefault("30s")
    @DurationMin(millis = 1)
    Duration idleTimeout();

    /** Time allowed from sending a streamed request to its first chunk (per attempt). */
    @WithDefault("30s")
    @DurationMin(millis = 1)
    Duration firstTokenTimeout();

    /** Deadline of a request whose first target is this provider, replacing {@code wormhole.deadline}. */
    Optional<@DurationMin(millis = 1) Duration> deadline();

    /** Longest one upstream exchange may last, headers to last byte, stream included (per attempt). */
    @WithDefault("10m")
    @DurationMin(millis = 1)
    Duration totalTimeout();

    /** Retries of transient faults on this provider. */
    RetryConfig retry();

    /** The breakers of this provider, one per operation (chat, stream-open, embeddings, models). */
    @WithName("circuit-breaker")
    CircuitBreakerConfig circuitBreaker();

    /** Concurrent upstream calls to this provider (the opening of a stream counts until its first chunk). */
    BulkheadConfig bulkhead();

    /** The gateway's requests and tokens per minute to this provider and its models, kept for all replicas. */
    ProviderLimitsConfig limits();

    /**
     * Where the upstream key travels: {@code header} (the dialect's own header) or {@code query} (Gemini's
     * {@code ?key=}, for proxies that only pass the query string).
     */
    @WithDefault("header")
    ApiKeyIn apiKeyIn();

    /**
     * The OpenAI API that text generation goes through: {@code chat-completions} or {@code responses}
     * (dialect {@code openai} only).
     */
    @WithDefault("chat-completions")
    WireApi wireApi();

    /**
     * The rerank API behind {@code <base-url>/rerank} (dialect {@code openai} only): {@code openai} (the shape of
     * Jina, vLLM and other OpenAI-compatible servers), {@code cohere} (Cohere v2; base URL
     * {@code https://api.cohere.com/v2}) or {@code voyage} (Voyage AI).
     */
    @WithDefault("openai")
    RerankApi rerankApi();

    /**
     * Output limit sent when the caller set none, for dialects that require one (Anthropic's
     * {@code max_tokens}).
     */
    @WithDefault("4096")
    @Min(1)
    int defaultMaxTokens();

    /** Most concurrent connections kept to this upstream (keep-alive pool size). */
    @WithDefault("64")
    @Min(1)
    int maxConnections();

    /** Behaviour of a {@code simulator} provider. */
    Simulator simulator();

    /** Settings of the simulated provider. */
    interface Simulator {
        /** Delay before the first token (and before a non-streamed answer). */
        @WithDefault("0ms")
        @DurationMin(millis = 0)
        Duration firstTokenLatency();

        /** Generation speed; 0 emits every token at once. */
        @WithDefault("0")
        @Min(0)
        int tokensPerSecond();

        /** Chat models it offers. */
        @WithDefault("sim-1")
        List<String> chatModels();

        /** Embedding models it offers. */
        @WithDefault("sim-embed-1")
        List<String> embeddingModels();

        /** Rerank models it offers (their scores are the share of the query's words found in each document). */
        @WithDefault("sim-rerank-1")
        List<String> rerankModels();

        /** Image generation models it offers ({@code /v1/images/generations}). */
        @WithDefault("sim-image-1")
        List<String> imageModels();

        /** Text-to-speech models it offers ({@code /v1/audio/speech}). */
        @WithDefault("sim-tts-1")
        List<String> speechModels();

        /** Vector size of embeddings when the request names no {@code dimensions}. */
        @WithDefault("256")
        @Min(1)
        int embeddingDimensions();
    }
}
