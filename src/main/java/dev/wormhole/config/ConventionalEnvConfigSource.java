package dev.wormhole.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the environment variables every LLM tool understands ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL},
 * {@code WORMHOLE_API_KEY}) into {@code wormhole.*} keys, so a provider is available under its id as soon as
 * its key is set. Its ordinal sits below {@code application.properties} (250) so explicit configuration wins.
 * Not static-init safe on purpose: it must read the environment of the running process, not of the build.
 */
public final class ConventionalEnvConfigSource implements ConfigSource {

    static final int ORDINAL = 200;

    /** A provider that conventional variables can define: the first set variable of each list is used. */
    record Convention(String providerId, Dialect dialect, List<String> keyVariables, List<String> baseUrlVariables) {
    }

    static final List<Convention> CONVENTIONS = List.of(
            new Convention("openai", Dialect.OPENAI, List.of("OPENAI_API_KEY"), List.of("OPENAI_BASE_URL")));

    private final Map<String, String> properties;

    public ConventionalEnvConfigSource() {
        this(System.getenv());
    }

    ConventionalEnvConfigSource(Map<String, String> env) {
        this.properties = Map.copyOf(translate(env));
    }

    private static Map<String, String> translate(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        for (Convention c : CONVENTIONS) {
            String key = firstSet(env, c.keyVariables());
            String baseUrl = firstSet(env, c.baseUrlVariables());
            if (key == null && baseUrl == null) {
                continue;
            }
            String prefix = "wormhole.providers." + c.providerId() + ".";
            out.put(prefix + "dialect", c.dialect().name().toLowerCase());
            if (key != null) {
                out.put(prefix + "api-keys", key);
            }
            if (baseUrl != null) {
                out.put(prefix + "base-url", baseUrl);
            }
        }
        String gatewayKey = firstSet(env, List.of("WORMHOLE_API_KEY"));
        if (gatewayKey != null) {
            out.put("wormhole.auth.api-keys", gatewayKey);
        }
        return out;
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
