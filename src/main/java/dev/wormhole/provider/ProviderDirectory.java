package dev.wormhole.provider;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.ApiKeyIn;
import dev.wormhole.config.Dialect;
import dev.wormhole.config.LimitsConfig;
import dev.wormhole.config.MaxTokensParam;
import dev.wormhole.config.ProviderConfig;
import dev.wormhole.config.VendorProfile;
import dev.wormhole.config.VendorProfiles;
import dev.wormhole.config.WireApi;
import dev.wormhole.config.WormholeConfig;

/**
 * The providers this gateway may use, resolved from configuration once: which ids are available, the
 * settings of each, and which provider serves unprefixed model names. Knows nothing of live instances.
 */
@ApplicationScoped
public class ProviderDirectory {

    static final URI OPENAI_DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");
    static final URI ANTHROPIC_DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    static final URI GEMINI_DEFAULT_BASE_URL = URI.create("https://generativelanguage.googleapis.com");
    static final URI OLLAMA_DEFAULT_BASE_URL = URI.create("http://localhost:11434");

    private final Map<String, ProviderSettings> available;
    private final Optional<String> defaultProvider;

    ProviderDirectory(WormholeConfig config) {
        VendorProfiles profiles = new VendorProfiles();
        Map<String, ProviderSettings> settings = new TreeMap<>();
        config.providers().forEach((id, provider) -> {
            if (!provider.enabled()) {
                return;
            }
            settings.put(id, resolve(id, provider, config.limits(), provider.profile().flatMap(profiles::find)));
        });
        this.available = Collections.unmodifiableMap(settings);
        this.defaultProvider = chooseDefault(config.defaultProvider(), settings);
    }

    private static ProviderSettings resolve(String id, ProviderConfig c, LimitsConfig limits,
            Optional<VendorProfile> profile) {
        URI baseUrl = c.baseUrl().or(() -> profile.map(p -> URI.create(p.baseUrl())))
                .orElse(defaultBaseUrl(c.dialect()));
        ProviderSettings.Quirks quirks = new ProviderSettings.Quirks(
                c.maxTokensParam().map(MaxTokensParam::field).or(() -> profile.map(VendorProfile::maxTokensParam))
                        .orElse(ProviderSettings.Quirks.NONE.maxTokensParam()),
                new java.util.HashSet<>(c.unsupportedParams().or(() -> profile.map(VendorProfile::unsupported))
                        .orElse(List.of())),
                profile.map(VendorProfile::discovery).orElse("openai"), c.defaultMaxTokens(),
                c.wireApi() == WireApi.RESPONSES, c.apiKeyIn() == ApiKeyIn.QUERY, c.rerankApi());
        String vendor = c.vendor().or(() -> profile.map(VendorProfile::id))
                .orElse(switch (c.dialect()) {
                    case ANTHROPIC -> "anthropic";
                    case GEMINI -> "gemini";
                    default -> inferVendor(baseUrl);
                });
        // A local server's models come and go: Ollama's native dialect and the local profiles are dynamic.
        boolean dynamic = c.dynamic() || c.dialect() == Dialect.OLLAMA || profile.map(VendorProfile::local).orElse(false);
        return new ProviderSettings(id, c.dialect(), baseUrl, c.apiKeys().orElse(List.of()), c.headers(),
                vendor, dynamic, quirks,
                new ProviderSettings.Timeouts(c.connectTimeout(), c.responseTimeout(), c.firstTokenTimeout(),
                        c.idleTimeout(), c.totalTimeout()),
                c.maxConnections(), limits.maxUpstreamFrame().asLongValue(), limits.maxUpstreamBody().asLongValue(),
                ProviderSettings.Simulation.from(c.simulator()));
    }

    private static URI defaultBaseUrl(Dialect dialect) {
        return switch (dialect) {
            case OPENAI -> OPENAI_DEFAULT_BASE_URL;
            case ANTHROPIC -> ANTHROPIC_DEFAULT_BASE_URL;
            case GEMINI -> GEMINI_DEFAULT_BASE_URL;
            case OLLAMA -> OLLAMA_DEFAULT_BASE_URL;
            case SIMULATOR -> null;
        };
    }

    /** The vendor a public API host belongs to, or null for any other host (a local or private server). */
    static String inferVendor(URI baseUrl) {
        if (baseUrl == null || baseUrl.getHost() == null) {
            return null;
        }
        String host = baseUrl.getHost();
        for (String[] known : KNOWN_HOSTS) {
            if (host.equals(known[0]) || host.endsWith("." + known[0])) {
                return known[1];
            }
        }
        return null;
    }

    private static final String[][] KNOWN_HOSTS = {
            { "openai.com", "openai" }, { "anthropic.com", "anthropic" }, { "googleapis.com", "gemini" },
            { "mistral.ai", "mistral" }, { "groq.com", "groq" }, { "deepseek.com", "deepseek" },
            { "openrouter.ai", "openrouter" }, { "together.xyz", "together" }, { "fireworks.ai", "fireworks" },
            { "x.ai", "xai" } };

    private static Optional<String> chooseDefault(Optional<String> configured, Map<String, ProviderSettings> settings) {
        if (configured.isPresent()) {
            return configured.filter(settings::containsKey);
        }
        List<String> remote = settings.values().stream().filter(s -> s.dialect().remote()).map(ProviderSettings::id)
                .toList();
        if (remote.size() == 1) {
            return Optional.of(remote.get(0));
        }
        if (remote.isEmpty()) {
            return settings.values().stream().filter(s -> s.dialect() == Dialect.SIMULATOR)
                    .map(ProviderSettings::id).findFirst();
        }
        return Optional.empty();
    }

    /** Settings of an available provider. */
    public Optional<ProviderSettings> settings(String providerId) {
        return Optional.ofNullable(available.get(providerId));
    }

    /** Ids of every available provider, sorted. */
    public List<String> ids() {
        return List.copyOf(available.keySet());
    }

    /** The provider serving unprefixed model names, if any. */
    public Optional<String> defaultProvider() {
        return defaultProvider;
    }
}
