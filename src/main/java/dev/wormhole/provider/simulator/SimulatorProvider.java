package dev.wormhole.provider.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import dev.wormhole.core.SpeechRequest;
import dev.wormhole.core.AudioChunk;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.RerankResult;
import dev.wormhole.core.Role;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.Capabilities;
import dev.wormhole.provider.EmbeddingProvider;
import dev.wormhole.provider.ImageProvider;
import dev.wormhole.provider.SpeechProvider;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.RerankProvider;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The built-in simulated provider: deterministic answers (see {@link SimulatedAnswer}), real streaming paced
 * by the configured first-token latency and token rate on Vert.x timers, deterministic tool calls when tools
 * are offered, deterministic unit-length embeddings, deterministic word-overlap reranking ({@link SimulatedRerank}),
 * and deterministic images and speech ({@link SimulatedMedia}). Needs no network and no key.
 */
public final class SimulatorProvider implements EmbeddingProvider, RerankProvider, ImageProvider, SpeechProvider {

    static final String OWNER = "wormhole-simulator";
    private static final int MAX_DIMENSIONS = 8192;
    /** Bounds the work of one embeddings call (inputs × dimensions), which runs on the event loop. */
    private static final long MAX_VALUES = 2_097_152;
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true, true);

    private final ProviderSettings settings;
    private final ProviderSettings.Simulation simulation;
    private final Vertx vertx;
    private final ObjectMapper json;

    SimulatorProvider(ProviderSettings settings, Vertx vertx, ObjectMapper json) {
        this.settings = settings;
        this.simulation = settings.simulation();
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Uni<ChatResult> chat(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            SimulatedAnswer answer = answer(request);
            ChatMessage message = answer.toolCall() != null
                    ? new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(answer.toolCall()), null)
                    : new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Text(answer.text())), null, List.of(),
                            null);
            int n = choices(request);
            List<ChatResult.Choice> choices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                choices.add(new ChatResult.Choice(i, message, answer.finishReason()));
            }
            ChatResult result = new ChatResult(answer.id(), request.model(), nowSeconds(), choices,
                    scaled(answer.usage(), n), null);
            Duration delay = simulation.firstTokenLatency().plus(generationTime(answer.tokens().size()));
            return delayed(delay).replaceWith(result);
        });
    }

    @Override
    public Multi<ChatDelta> streamChat(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            SimulatedAnswer answer = answer(request);
            List<ChatDelta> deltas = SimulatedStream.deltas(answer, request.model(), nowSeconds(), choices(request));
            return Multi.createFrom().emitter(emitter -> new SimulatedStream.Pacer(vertx, deltas,
                    simulation.firstTokenLatency(), tokenGap(), emitter).start());
        });
    }

    @Override
    public Uni<EmbeddingResult> embed(EmbeddingRequest request) {
        return Uni.createFrom().deferred(() -> {
            requireModel(request.model(), simulation.embeddingModels(), "embedding");
            int dimensions = request.dimensions() == null ? simulation.embeddingDimensions() : request.dimensions();
            if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
                throw GatewayException.invalid("dimensions", "dimensions must be between 1 and " + MAX_DIMENSIONS
                        + " for " + request.model() + ".");
            }
            if ((long) dimensions * request.inputs().size() > MAX_VALUES) {
                throw GatewayException.invalid("input", "The simulator computes at most " + MAX_VALUES
                        + " values per call (inputs × dimensions); send fewer inputs or dimensions.");
            }
            List<float[]> vectors = request.inputs().stream().map(text -> vector(request.model(), text, dimensions))
                    .toList();
            long tokens = request.inputs().stream().mapToLong(SimulatedAnswer::estimateTokens).sum();
            return delayed(simulation.firstTokenLatency())
                    .replaceWith(new EmbeddingResult(request.model(), vectors, Usage.of(tokens, 0)));
        });
    }

    @Override
    public Uni<RerankResult> rerank(RerankRequest request) {
        return Uni.createFrom().deferred(() -> {
            requireModel(request.model(), simulation.rerankModels(), "rerank");
            RerankResult result = SimulatedRerank.rerank(request);
            return delayed(simulation.firstTokenLatency()).replaceWith(result);
        });
    }

    @Override
    public Uni<ImageResult> generateImages(ImageRequest request) {
        return Uni.createFrom().deferred(() -> {
            requireModel(request.model(), simulation.imageModels(), "image");
            return delayed(simulation.firstTokenLatency()).replaceWith(SimulatedMedia.images(request, nowSeconds()));
        });
    }

    @Override
    public Multi<AudioChunk> speak(SpeechRequest request) {
        return Multi.createFrom().deferred(() -> {
            requireModel(request.model(), simulation.speechModels(), "speech");
            return delayed(simulation.firstTokenLatency()).onItem().transformToMulti(v -> SimulatedMedia.speech(request));
        });
    }

    @Override
    public Uni<List<ModelInfo>> listModels() {
        long created = 1_735_689_600L;
        Set<ModelCapability> chat = EnumSet.of(ModelCapability.CHAT, ModelCapability.STREAM, ModelCapability.TOOLS,
                ModelCapability.VISION, ModelCapability.JSON);
        Set<ModelCapability> embeddings = EnumSet.of(ModelCapability.EMBEDDINGS);
        Set<ModelCapability> rerank = EnumSet.of(ModelCapability.RERANK);
        return Uni.createFrom().item(Stream.of(
                simulation.chatModels().stream().map(m -> simulated(m, created, chat, "Simulated chat model")),
                simulation.embeddingModels().stream()
                        .map(m -> simulated(m, created, embeddings, "Simulated embedding model")),
                simulation.rerankModels().stream().map(m -> simulated(m, created, rerank, "Simulated rerank model")),
                simulation.imageModels().stream().map(m -> simulated(m, created,
                        EnumSet.of(ModelCapability.IMAGES), "Simulated image model")),
                simulation.speechModels().stream().map(m -> simulated(m, created,
                        EnumSet.of(ModelCapability.SPEECH), "Simulated speech model")))
                .flatMap(models -> models).toList());
    }

    private ModelInfo simulated(String model, long created, Set<ModelCapability> capabilities, String name) {
        return new ModelInfo(model, settings.id(), OWNER, created, true, name + " " + model, capabilities, 128_000,
                4_096, 0.0, 0.0, false);
    }

    @Override
    public void close() {
        // Holds no connections or timers beyond those of in-flight streams, which end with their leases.
    }

    private SimulatedAnswer answer(ChatRequest request) {
        requireModel(request.model(), simulation.chatModels(), "chat");
        return SimulatedAnswer.answer(request, json);
    }

    private void requireModel(String model, List<String> offered, String kind) {
        if (offered.contains(model)) {
            return;
        }
        if (simulation.chatModels().contains(model) || simulation.embeddingModels().contains(model)
                || simulation.rerankModels().contains(model) || simulation.imageModels().contains(model)
                || simulation.speechModels().contains(model)) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "model_not_supported",
                    "The model '" + model + "' is not a " + kind + " model; use one of " + offered + ".");
        }
        throw GatewayException.modelNotFound(settings.id() + "/" + model,
                "the simulator offers " + simulation.chatModels() + " for chat, " + simulation.embeddingModels()
                        + " for embeddings, " + simulation.rerankModels() + " for reranking, "
                        + simulation.imageModels() + " for images and " + simulation.speechModels() + " for speech");
    }

    private static int choices(ChatRequest request) {
        return request.n() == null ? 1 : request.n();
    }

    private static Usage scaled(Usage usage, int n) {
        return Usage.of(usage.promptTokens(), usage.completionTokens() * n);
    }

    private Duration tokenGap() {
        return simulation.tokensPerSecond() <= 0 ? Duration.ZERO
                : Duration.ofNanos(1_000_000_000L / simulation.tokensPerSecond());
    }

    private Duration generationTime(int tokens) {
        return tokenGap().multipliedBy(Math.max(0, tokens - 1));
    }

    private Uni<Void> delayed(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> emitter.complete(null));
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    static float[] vector(String model, String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(
                Long.parseUnsignedLong(SimulatedAnswer.sha256(model + "\u0000" + text).substring(0, 16), 16));
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
