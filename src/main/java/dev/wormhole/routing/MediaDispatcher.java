package dev.wormhole.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.AudioChunk;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import dev.wormhole.core.SpeechRequest;
import dev.wormhole.core.Usage;
import dev.wormhole.limit.TokenDemand;
import dev.wormhole.provider.ImageProvider;
import dev.wormhole.provider.Operation;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.SpeechProvider;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The {@link Dispatcher} for the media operations: image generation and speech, with the same routing, key
 * admission, guards, failover, deadline, metrics and spend as embeddings and chat streams. A target whose
 * provider lacks the operation fails with a 400 {@code unsupported_capability} (and the plan fails over).
 */
@ApplicationScoped
public class MediaDispatcher {

    private static final int CHARS_PER_TOKEN = 4;

    private final Dispatcher dispatcher;
    private final CallAdmission admission;
    private final ImageCounter generated;

    MediaDispatcher(Dispatcher dispatcher, CallAdmission admission, ImageCounter generated) {
        this.dispatcher = dispatcher;
        this.admission = admission;
        this.generated = generated;
    }

    /** {@code request.n()} images from the first target that makes them, within the request's deadline. */
    public Uni<ImageResult> images(ImageRequest request, CallTrace trace) {
        trace.demand(new TokenDemand(tokens(request.prompt()), 0L));
        return dispatcher.planned(request.model(), List.of(), Operation.IMAGES, trace, target -> true,
                (permit, answer) -> permit.settle(answer, ImageResult::usage), (target, plan) -> dispatcher.measured(
                        "images", target, trace, admission.spend(trace, target), ImageResult::usage,
                        dispatcher.attempt(target, plan, Operation.IMAGES, trace, ImageResult::usage,
                                provider -> imagesOf(provider).generateImages(request.withModel(target.model()))
                                        .invoke(result -> generated.increment(target, result.images().size())))));
    }

    /**
     * The spoken audio as a stream, once a target has sent its first bytes; failures before them fail over (or
     * fail the Uni), failures after them fail the Multi.
     */
    public Uni<Multi<AudioChunk>> speech(SpeechRequest request, CallTrace trace) {
        trace.demand(new TokenDemand(tokens(request.input()), 0L));
        Usage billed = Usage.of(tokens(request.input()), 0);
        return dispatcher.stream("speech", request.model(), List.of(), trace, (provider, target) -> billedOnFirst(
                speechOf(provider).speak(request.withModel(target.model())), billed));
    }

    /** The chunks, the first carrying the call's usage (speech is billed by its input, known up front). */
    static Multi<AudioChunk> billedOnFirst(Multi<AudioChunk> chunks, Usage billed) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean first = new AtomicBoolean(true);
            return chunks.map(chunk -> first.getAndSet(false) ? new AudioChunk(chunk.bytes(), billed) : chunk);
        });
    }

    /** The token estimate that key limits reserve and usage reports for a text: four characters a token. */
    public static long tokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    private static ImageProvider imagesOf(Provider provider) {
        if (provider instanceof ImageProvider images) {
            return images;
        }
        throw unsupported(provider, "image generation");
    }

    private static SpeechProvider speechOf(Provider provider) {
        if (provider instanceof SpeechProvider speech) {
            return speech;
        }
        throw unsupported(provider, "speech");
    }

    private static GatewayException unsupported(Provider provider, String what) {
        return GatewayException.of(ErrorKind.INVALID_REQUEST, "unsupported_capability",
                "Provider '" + provider.id() + "' does not offer " + what + ".");
    }
}
