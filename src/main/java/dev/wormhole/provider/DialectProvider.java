package dev.wormhole.provider;

import java.util.function.Supplier;

import dev.wormhole.core.ChatRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What every remote dialect's provider shares: its id, its capabilities, its quirks, and chat calls that
 * refuse a parameter the provider's profile rules out before anything is built or sent.
 */
public abstract class DialectProvider implements Provider {

    private final String id;
    private final Capabilities capabilities;
    protected final ProviderSettings.Quirks quirks;

    protected DialectProvider(ProviderSettings settings, Capabilities capabilities) {
        this.id = settings.id();
        this.capabilities = capabilities;
        this.quirks = settings.quirks();
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    /** The call, built and sent on subscription once the request has passed the parameter check. */
    protected final <T> Uni<T> checked(ChatRequest request, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            ParameterSupport.check(request, quirks.unsupportedParams(), id);
            return call.get();
        });
    }

    /** As {@link #checked} for a stream. */
    protected final <T> Multi<T> checkedStream(ChatRequest request, Supplier<Multi<T>> call) {
        return Multi.createFrom().deferred(() -> {
            ParameterSupport.check(request, quirks.unsupportedParams(), id);
            return call.get();
        });
    }
}
