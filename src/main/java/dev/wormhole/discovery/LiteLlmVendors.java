package dev.wormhole.discovery;

import java.util.List;
import java.util.Map;

/**
 * How LiteLLM's price map names vendors: its {@code litellm_provider} values mapped to our vendor ids, and the
 * key prefixes ({@code anthropic/claude-…}, {@code gemini/gemini-…}) that precede the vendor's own model id.
 * Providers not listed here (Azure, Bedrock, Vertex's partner models…) serve models under other ids and prices:
 * their entries are skipped.
 */
final class LiteLlmVendors {

    private static final Map<String, String> VENDORS = Map.ofEntries(
            Map.entry("openai", "openai"),
            Map.entry("text-completion-openai", "openai"),
            Map.entry("anthropic", "anthropic"),
            Map.entry("gemini", "gemini"),
            Map.entry("vertex_ai-language-models", "gemini"),
            Map.entry("vertex_ai-embedding-models", "gemini"),
            Map.entry("vertex_ai-text-models", "gemini"),
            Map.entry("mistral", "mistral"),
            Map.entry("codestral", "mistral"),
            Map.entry("text-completion-codestral", "mistral"),
            Map.entry("groq", "groq"),
            Map.entry("deepseek", "deepseek"),
            Map.entry("xai", "xai"),
            Map.entry("together_ai", "together"),
            Map.entry("fireworks_ai", "fireworks"),
            Map.entry("fireworks_ai-embedding-models", "fireworks"),
            Map.entry("openrouter", "openrouter"),
            Map.entry("perplexity", "perplexity"),
            Map.entry("ollama", "ollama"),
            Map.entry("zai", "zai"));

    /** Key prefixes LiteLLM puts before a vendor's model id; the longest are tried first. */
    private static final List<String> KEY_PREFIXES = List.of("vertex_ai/", "text-completion-codestral/",
            "fireworks_ai/", "together_ai/", "openrouter/", "perplexity/", "anthropic/", "codestral/", "deepseek/",
            "mistral/", "gemini/", "ollama/", "openai/", "groq/", "xai/", "zai/");

    private LiteLlmVendors() {
    }

    /** Our vendor id for a {@code litellm_provider} value, or null when we serve no such vendor. */
    static String vendor(String litellmProvider) {
        return litellmProvider == null ? null : VENDORS.get(litellmProvider);
    }

    /** The vendor's own model id of a map key: the key without LiteLLM's provider prefix, if it has one. */
    static String modelId(String key) {
        for (String prefix : KEY_PREFIXES) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }
}
