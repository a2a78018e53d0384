package dev.wormhole.config;

/** Where the upstream key travels. Written in configuration as {@code header} or {@code query}. */
public enum ApiKeyIn {
    /** The dialect's own header ({@code Authorization}, {@code x-api-key}, {@code x-goog-api-key}). */
    HEADER,
    /** Gemini's {@code ?key=}, for proxies that pass only the query string. */
    QUERY
}
