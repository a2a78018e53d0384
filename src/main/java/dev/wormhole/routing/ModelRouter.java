package dev.wormhole.routing;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;
import dev.wormhole.provider.ProviderDirectory;

/**
 * Resolves the model name a client sent to a provider and the name that provider knows the model by:
 * {@code provider/model} selects the provider by its id; any other name (including ones with a slash whose
 * prefix is not a provider id, such as {@code meta-llama/llama-3}) goes whole to the default provider.
 */
@ApplicationScoped
public class ModelRouter {

    private final ProviderDirectory directory;

    ModelRouter(ProviderDirectory directory) {
        this.directory = directory;
    }

    public ModelRef resolve(String model) {
        int slash = model.indexOf('/');
        if (slash > 0) {
            String prefix = model.substring(0, slash);
            if (directory.settings(prefix).isPresent()) {
                String rest = model.substring(slash + 1);
                if (rest.isBlank()) {
                    throw GatewayException.invalid("model", "The model '" + model + "' names provider '" + prefix
                            + "' but no model after the '/'.");
                }
                return new ModelRef(prefix, rest);
            }
        }
        String fallback = directory.defaultProvider().orElseThrow(() -> GatewayException.modelNotFound(model,
                "it has no known provider prefix (available providers: " + directory.ids()
                        + ") and no default provider is configured (wormhole.default-provider)"));
        return new ModelRef(fallback, model);
    }
}
