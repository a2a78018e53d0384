package dev.wormhole.discovery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.provider.ProviderDirectory;
import dev.wormhole.routing.ModelRouter;

/**
 * Refuses, before any upstream I/O, a request that needs a capability the catalog knows its model lacks
 * (tools, images, structured output, streaming, embeddings, reranking, image generation, speech). Models the
 * catalog does not know, models of a provider marked {@code dynamic}, and route aliases (whose targets differ) pass
 * through: nothing is refused on a guess.
 */
@ApplicationScoped
public class CapabilityGate {

    private static final Map<ModelCapability, String> PARAM = Map.of(ModelCapability.TOOLS, "tools",
            ModelCapability.VISION, "messages", ModelCapability.JSON, "response_format", ModelCapability.STREAM,
            "stream", ModelCapability.CHAT, "model", ModelCapability.EMBEDDINGS, "model", ModelCapability.RERANK,
            "model", ModelCapability.IMAGES, "model", ModelCapability.SPEECH, "model");

    private final ModelCatalog catalog;
    private final ModelRouter router;
    private final ProviderDirectory directory;
    private final Set<String> aliases;

    CapabilityGate(ModelCatalog catalog, ModelRouter router, ProviderDirectory directory, WormholeConfig config) {
        this.catalog = catalog;
        this.router = router;
        this.directory = directory;
        this.aliases = config.routes().keySet();
    }

    /** Checks a chat request against its model. */
    public void checkChat(ChatRequest request, boolean stream) {
        Set<ModelCapability> needs = EnumSet.of(ModelCapability.CHAT);
        if (stream) {
            needs.add(ModelCapability.STREAM);
        }
        if (!request.tools().isEmpty()) {
            needs.add(ModelCapability.TOOLS);
        }
        if (request.messages().stream().anyMatch(m -> m.content().stream().anyMatch(ContentPart.Image.class::isInstance))) {
            needs.add(ModelCapability.VISION);
        }
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            needs.add(ModelCapability.JSON);
        }
        check(request.model(), needs);
    }

    /** Checks an embeddings request against its model. */
    public void checkEmbeddings(String model) {
        check(model, EnumSet.of(ModelCapability.EMBEDDINGS));
    }

    /** Checks a rerank request against its model. */
    public void checkRerank(String model) {
        check(model, EnumSet.of(ModelCapability.RERANK));
    }

    /** Checks an image generation request against its model. */
    public void checkImages(String model) {
        check(model, EnumSet.of(ModelCapability.IMAGES));
    }

    /** Checks a text-to-speech request against its model. */
    public void checkSpeech(String model) {
        check(model, EnumSet.of(ModelCapability.SPEECH));
    }

    private void check(String model, Set<ModelCapability> needs) {
        if (aliases.contains(model)) {
            return;
        }
        ModelRef ref = router.resolve(model);
        if (directory.settings(ref.provider()).map(s -> s.dynamic()).orElse(true)) {
            return;
        }
        ModelInfo known = catalog.model(ref.provider(), ref.model()).orElse(null);
        if (known == null || known.capabilities() == null) {
            return;
        }
        for (ModelCapability need : needs) {
            if (!known.capabilities().contains(need)) {
                throw GatewayException.invalid(PARAM.get(need), "The model '" + model + "' does not support "
                        + need.name().toLowerCase(Locale.ROOT) + " (it offers "
                        + known.capabilities().toString().toLowerCase(Locale.ROOT) + ").");
            }
        }
    }
}
