package dev.wormhole.provider.gemini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.gemini.wire.Content;
import dev.wormhole.provider.gemini.wire.GenerateContentResponse;

/**
 * The translation of one streamed answer, chunk by chunk. Gemini sends each function call whole, so a call
 * becomes one tool-call delta (id, name and all its arguments) the moment its chunk arrives. The usage
 * counts are cumulative; the last seen is reported once the stream has ended. Not thread-safe: one instance
 * per stream, fed in order.
 */
final class GeminiStream {

    private final String requestedModel;
    private final long created;
    private final Supplier<String> ids;
    private final ObjectMapper json;
    private final Map<Integer, Integer> toolCallsByCandidate = new HashMap<>();
    private final Set<Integer> candidatesSeen = new HashSet<>();
    private final Set<Integer> candidatesFinished = new HashSet<>();
    private String id;
    private String model;
    private Usage usage;
    private boolean started;

    GeminiStream(String requestedModel, long created, Supplier<String> ids, ObjectMapper json) {
        this.requestedModel = requestedModel;
        this.created = created;
        this.ids = ids;
        this.json = json;
    }

    List<ChatDelta> onChunk(GenerateContentResponse chunk) {
        if (id == null) {
            id = chunk.responseId() == null ? ids.get() : chunk.responseId();
        }
        if (chunk.modelVersion() != null) {
            model = chunk.modelVersion();
        }
        if (chunk.usageMetadata() != null) {
            usage = GeminiMapper.usage(chunk.usageMetadata());
        }
        if (chunk.candidates() == null || chunk.candidates().isEmpty()) {
            if (!started && chunk.promptFeedback() != null && chunk.promptFeedback().blockReason() != null) {
                throw GeminiMapper.blocked(chunk);
            }
            return List.of();
        }
        List<ChatDelta.ChoiceDelta> choices = new ArrayList<>();
        for (int c = 0; c < chunk.candidates().size(); c++) {
            GenerateContentResponse.Candidate candidate = chunk.candidates().get(c);
            int index = candidate.index() == null ? c : candidate.index();
            StringBuilder text = new StringBuilder();
            List<ChatDelta.ToolCallDelta> calls = new ArrayList<>();
            for (Content.Part part : GeminiMapper.parts(candidate)) {
                if (part.functionCall() != null) {
                    ToolCall call = GeminiMapper.toolCall(part, ids, json);
                    int toolIndex = toolCallsByCandidate.merge(index, 1, Integer::sum) - 1;
                    calls.add(new ChatDelta.ToolCallDelta(toolIndex, call.id(), call.name(), call.arguments()));
                } else if (part.text() != null && !Boolean.TRUE.equals(part.thought())) {
                    text.append(part.text());
                }
            }
            candidatesSeen.add(index);
            if (candidate.finishReason() != null) {
                candidatesFinished.add(index);
            }
            choices.add(new ChatDelta.ChoiceDelta(index, started ? null : Role.ASSISTANT,
                    text.length() == 0 ? null : text.toString(), calls,
                    GeminiMapper.finishReason(candidate.finishReason(), toolCallsByCandidate.containsKey(index))));
        }
        started = true;
        return List.of(new ChatDelta(id, model(), created, choices, null));
    }

    /** Whether every candidate seen so far has its finish reason: the answer is complete. */
    boolean finished() {
        return !candidatesSeen.isEmpty() && candidatesFinished.containsAll(candidatesSeen);
    }

    /** The usage-only delta that closes the stream, when Gemini reported usage. */
    java.util.Optional<ChatDelta> usageDelta() {
        return java.util.Optional.ofNullable(usage).map(u -> new ChatDelta(id, model(), created, List.of(), u));
    }

    private String model() {
        return model == null ? requestedModel : model;
    }
}
