package dev.wormhole.routing;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.Dialect;
import dev.wormhole.core.ModelRef;
import dev.wormhole.provider.ProviderDirectory;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.telemetry.GenAiCall;
import dev.wormhole.telemetry.Tracing;

/**
 * Starts the span of each upstream attempt under the request's current parent ({@link CallTrace#parent}), with
 * the provider's name as the GenAI conventions spell it: the vendor of an OpenAI-compatible host ({@code groq},
 * {@code mistral_ai}…), else its dialect's ({@code openai}, {@code anthropic}, {@code gcp.gemini},
 * {@code ollama}).
 */
@ApplicationScoped
class AttemptSpans {

    private final Tracing tracing;
    private final ProviderDirectory directory;

    AttemptSpans(Tracing tracing, ProviderDirectory directory) {
        this.tracing = tracing;
        this.directory = directory;
    }

    /** Captures the request's span as the parent of its attempts, unless a batch item or agent step set one. */
    void enter(CallTrace trace) {
        if (tracing.on() && trace.parent() == null) {
            trace.parent(tracing.current());
        }
    }

    /** The span of attempt {@code attempt} (0-based, as {@link CallTrace#started} counts) on {@code target}. */
    GenAiCall start(CallTrace trace, ModelRef target, String operation, int attempt, boolean fallback) {
        if (!tracing.on()) {
            return null;
        }
        ProviderSettings settings = directory.settings(target.provider()).orElse(null);
        Integer maxTokens = trace.maxTokens();
        return GenAiCall.start(tracing, trace.parent(), new GenAiCall.Request(operation, providerName(settings),
                target.provider(), target.model(), maxTokens == null ? null : maxTokens.longValue(),
                trace.temperature(), attempt + 1, fallback, settings == null ? null : settings.baseUrl()));
    }

    static String providerName(ProviderSettings settings) {
        if (settings == null) {
            return "unknown";
        }
        if (settings.vendor() != null) {
            return settings.vendor();
        }
        return settings.dialect() == Dialect.GEMINI ? "gcp.gemini"
                : settings.dialect() == Dialect.SIMULATOR ? "wormhole.simulator"
                : settings.dialect().name().toLowerCase(java.util.Locale.ROOT);
    }
}
