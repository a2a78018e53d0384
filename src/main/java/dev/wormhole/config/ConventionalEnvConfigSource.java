package dev.wormhole.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the environment variables every LLM tool understands ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL},
 * {@code ANTHROPIC_API_KEY}, {@code GEMINI_API_KEY}, {@code GROQ_API_KEY}, {@code VLLM_BASE_URL}… — one pair
 * per built-in dialect and per vendor profile — {@code WORMHOLE_API_KEY} and {@code WORMHOLE_ADMIN_KEY}) into
 * {@code wormhole.*} keys, so a provider is available under its id as soon as its key (or, for a local server,
 * its base URL) is set. Its ordinal sits below {@code application.properties} (250) so explicit configuration
 * wins. Not static-init safe on purpose: it must read the environment of the running process, not of the build.
 */
public final class ConventionalEnvConfigSource implements ConfigSource {

    static final int ORDINAL = 200;

    /**
     * A provider that conventional variables can define: the first set variable of each list is used; a local
     * one needs only its base URL.
     */
    record Convention(String providerId, Dialect dialect, List<String> keyVariables, List<String> baseUrlVariables,
            boolean local, String appendPath) {
    }

    static final Convention OPENAI = new Convention("openai", Dialect.OPENAI, List.of("OPENAI_API_KEY"),
            List.of("OPENAI_BASE_URL"), false, null);
    static final Convention ANTHROPIC = new Convention("anthropic", Dialect.ANTHROPIC, List.of("ANTHROPIC_API_KEY"),
            List.of("ANTHROPIC_BASE_URL"), false, null);
    static final Convention GEMINI = new Convention("gemini", Dialect.GEMINI,
            List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"), List.of("GEMINI_BASE_URL"), false, null);

    private final Map<String, String> properties;

    public ConventionalEnvConfigSource() {
        this(System.getenv());
    }

    ConventionalEnvConfigSource(Map<String, String> env) {
        this.properties = Map.copyOf(translate(env));
    }

    static List<Convention> conventions() {
        List<Convention> all = new java.util.ArrayList<>(List.of(OPENAI, ANTHROPIC, GEMINI));
        for (VendorProfile p : new VendorProfiles().all()) {
            all.add(new Convention(p.id(), Dialect.OPENAI, p.keyEnv(), p.baseUrlEnv(), p.local(), p.appendPath()));
        }
        return all;
    }

    private static Map<String, String> translate(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        for (Convention c : conventions()) {
            String key = firstSet(env, c.keyVariables());
            String baseUrl = firstSet(env, c.baseUrlVariables());
            boolean builtIn = c == OPENAI || c == ANTHROPIC || c == GEMINI;
            boolean defined = c.local() ? baseUrl != null : key != null || baseUrl != null && builtIn;
            if (!defined) {
                continue;
            }
            String prefix = "wormhole.providers." + c.providerId() + ".";
            out.put(prefix + "dialect", c.dialect().name().toLowerCase());
            if (!builtIn) {
                out.put(prefix + "profile", c.providerId());
            }
            if (key != null) {
                out.put(prefix + "api-keys", key);
            }
            if (baseUrl != null) {
                out.put(prefix + "base-url", normalize(baseUrl, c.appendPath()));
            }
        }
        String gatewayKey = firstSet(env, List.of("WORMHOLE_API_KEY"));
        if (gatewayKey != null) {
            out.put("wormhole.auth.api-keys", gatewayKey);
        }
        String adminKey = firstSet(env, List.of("WORMHOLE_ADMIN_KEY"));
        if (adminKey != null) {
            out.put("wormhole.auth.admin-key", adminKey);
        }
        return out;
    }

    /** {@code localhost:11434} → {@code http://localhost:11434/v1} for a profile that wants {@code /v1}. */
    static String normalize(String baseUrl, String appendPath) {
        String url = baseUrl.contains("://") ? baseUrl : "http://" + baseUrl;
        url = url.replaceAll("/+$", "");
        return appendPath != null && !url.endsWith(appendPath) ? url + appendPath : url;
    }

    private static String firstSet(Map<String, String> env, List<String> names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "wormhole-conventional-env";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
