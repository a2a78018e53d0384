package dev.wormhole.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.ChatCompletionRequest;
import dev.wormhole.api.dto.ChatCompletionResponse;
import dev.wormhole.api.dto.EmbeddingsRequest;
import dev.wormhole.api.dto.EmbeddingsResponse;
import dev.wormhole.api.dto.UsageDto;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.GatewayException;
import dev.wormhole.config.AgentConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.discovery.CapabilityGate;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.tool.AgentLoop;
import dev.wormhole.tool.AgentOptions;
import dev.wormhole.tool.ToolRegistry;
import dev.wormhole.routing.Dispatcher;
import io.smallrye.mutiny.Uni;

/**
 * The non-streaming OpenAI operations on already-validated request DTOs: what {@code /v1/chat/completions}
 * (without stream), {@code /v1/embeddings} and each item of {@code /v1/batch} do.
 */
@ApplicationScoped
public class OpenAiOperations {

    static final int MAX_EMBEDDING_INPUTS = 2048;

    private final Dispatcher dispatcher;
    private final AgentLoop agent;
    private final ToolRegistry tools;
    private final CapabilityGate gate;
    private final AgentConfig agentLimits;
    private final long maxImageBytes;

    OpenAiOperations(Dispatcher dispatcher, AgentLoop agent, ToolRegistry tools, CapabilityGate gate,
            WormholeConfig config) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.agent = agent;
        this.tools = tools;
        this.agentLimits = config.agent();
        this.maxImageBytes = config.limits().maxImageSize().asLongValue();
    }

    /**
     * One chat completion; rejects invalid content with a 400 naming the field. A request naming server tools
     * runs the agent loop, and its response lists the tool calls made.
     */
    public Uni<ChatCompletionResponse> chat(ChatCompletionRequest body, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            ChatRequest request = toCore(body);
            List<String> fallbacks = ChatRequestMapper.fallbacks(body.extra());
            Optional<AgentOptions> options = agentOptions(body);
            if (options.isEmpty()) {
                return dispatcher.chat(request, fallbacks, trace).map(ChatResponseMapper::toEdge);
            }
            return agent.run(request, fallbacks, options.get(), trace).map(done -> {
                ChatCompletionResponse response = ChatResponseMapper.toEdge(done.result());
                return new ChatCompletionResponse(response.id(), response.object(), response.created(),
                        response.model(), response.choices(), response.usage(), response.systemFingerprint(),
                        new ChatCompletionResponse.Extension(done.steps()));
            });
        });
    }

    /** The core request of a chat body, refused if its model is known to lack what the request needs. */
    ChatRequest toCore(ChatCompletionRequest body) {
        ChatRequest request = ChatRequestMapper.toCore(body, maxImageBytes);
        gate.checkChat(request, Boolean.TRUE.equals(body.stream()));
        return request;
    }

    /** The agent-loop options of a chat request, if it names server tools. */
    Optional<AgentOptions> agentOptions(ChatCompletionRequest body) {
        return ChatRequestMapper.agentOptions(body.extra(), tools.all().stream().map(t -> t.name()).toList(),
                agentLimits.defaultMaxSteps(), agentLimits.maxSteps());
    }

    /** Embeddings in the requested encoding. */
    public Uni<EmbeddingsResponse> embed(EmbeddingsRequest body, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            boolean base64 = base64(body.encodingFormat());
            gate.checkEmbeddings(body.model());
            EmbeddingRequest request = new EmbeddingRequest(body.model(), inputs(body.input()), body.dimensions(),
                    body.user());
            return dispatcher.embed(request, List.of(), trace).map(result -> toEdge(result, base64));
        });
    }

    private static boolean base64(String encodingFormat) {
        if (encodingFormat == null || encodingFormat.equals("float")) {
            return false;
        }
        if (encodingFormat.equals("base64")) {
            return true;
        }
        throw GatewayException.invalid("encoding_format", "encoding_format must be 'float' or 'base64'.");
    }

    private static List<String> inputs(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw GatewayException.invalid("input", "input must be a string or an array of strings "
                            + "(token arrays are not supported).");
                }
                texts.add(item.asText());
            }
        } else {
            throw GatewayException.invalid("input", "input must be a string or an array of strings.");
        }
        if (texts.isEmpty() || texts.size() > MAX_EMBEDDING_INPUTS) {
            throw GatewayException.invalid("input", "input must hold between 1 and " + MAX_EMBEDDING_INPUTS
                    + " strings.");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isEmpty()) {
                throw GatewayException.invalid("input", "input[" + i + "] is empty; every input must hold text.");
            }
        }
        return texts;
    }

    private static EmbeddingsResponse toEdge(EmbeddingResult result, boolean base64) {
        List<EmbeddingsResponse.Item> items = new ArrayList<>();
        for (int i = 0; i < result.vectors().size(); i++) {
            float[] vector = result.vectors().get(i);
            items.add(new EmbeddingsResponse.Item("embedding", i, base64 ? encode(vector) : vector));
        }
        UsageDto usage = new UsageDto(result.usage().promptTokens(), null, result.usage().promptTokens(), null, null);
        return new EmbeddingsResponse("list", items, result.model(), usage);
    }

    /** Base64 of the vector's little-endian float32 bytes. */
    static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
