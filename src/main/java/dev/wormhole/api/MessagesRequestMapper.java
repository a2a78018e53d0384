package dev.wormhole.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.MessagesRequest;
import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ToolDefinition;

/**
 * Reads an Anthropic Messages request into the core model, refusing what bean validation cannot express (roles,
 * content blocks, tool references, thinking settings, unknown fields) with a 400 that names the field.
 * <p>
 * Extended thinking has no budget in the core, which speaks OpenAI's {@code reasoning_effort}: a
 * {@code budget_tokens} up to 1024 becomes {@code low}, up to 4096 {@code medium}, above that {@code high} — the
 * efforts the Anthropic dialect turns back into budgets of 1024, 4096 and 16384. Adaptive thinking takes its effort
 * from {@code output_config.effort}. {@code top_k}, which the core does not model, travels as a pass-through field,
 * as it would in a chat request.
 */
final class MessagesRequestMapper {

    /** Anthropic's smallest thinking budget. */
    static final int MIN_THINKING_BUDGET = 1024;

    private MessagesRequestMapper() {
    }

    /** The core request of a messages body; {@code maxImageBytes} bounds each inline image. */
    static ChatRequest toCore(MessagesRequest body, long maxImageBytes) {
        refuseUnknown(body.unknown());
        List<ChatMessage> messages = conversation(body.system(), body.messages(), maxImageBytes);
        List<ToolDefinition> tools = MessagesTools.tools(body.tools());
        String user = body.metadata() == null ? null : body.metadata().userId();
        Map<String, Object> passThrough = body.topK() == null ? Map.of() : Map.of("top_k", body.topK());
        return new ChatRequest(body.model(), messages, body.temperature(), body.topP(), body.maxTokens(), null,
                body.stopSequences(), null, null, null, tools, MessagesTools.toolChoice(body.toolChoice(), tools),
                MessagesTools.parallelToolCalls(body.toolChoice()), null,
                reasoningEffort(body.thinking(), body.outputConfig(), body.maxTokens()), user, passThrough);
    }

    /** The system prompt (if any) followed by the turns, as core messages. */
    static List<ChatMessage> conversation(JsonNode system, List<MessagesRequest.MessageParam> turns,
            long maxImageBytes) {
        List<ChatMessage> messages = new ArrayList<>();
        ChatMessage prompt = MessagesContent.system(system);
        if (prompt != null) {
            messages.add(prompt);
        }
        for (int i = 0; i < turns.size(); i++) {
            messages.addAll(MessagesContent.turn(turns.get(i), "messages[" + i + "]", maxImageBytes));
        }
        return messages;
    }

    /** Refuses the first top-level field Anthropic does not define, as Anthropic does. */
    static void refuseUnknown(Map<String, Object> unknown) {
        if (!unknown.isEmpty()) {
            String field = UnreadableJson.key(unknown.keySet().iterator().next());
            throw GatewayException.invalid(field, field + ": Extra inputs are not permitted.");
        }
    }

    /**
     * The core reasoning effort of {@code thinking} and {@code output_config.effort}: an enabled thinking budget
     * wins; {@code adaptive} thinking leaves the effort to {@code output_config.effort} (low, medium; high, xhigh
     * and max as high), else to the model; null when absent or disabled. {@code maxTokens} is null for a request
     * that generates nothing (count_tokens).
     */
    static String reasoningEffort(JsonNode thinking, JsonNode outputConfig, Integer maxTokens) {
        String type = thinking == null || thinking.isNull() ? "adaptive" : thinking.path("type").asText("");
        return switch (type) {
            case "disabled" -> null;
            case "adaptive" -> effort(outputConfig);
            case "enabled" -> budgetEffort(thinking, maxTokens);
            default -> throw GatewayException.invalid("thinking.type", "thinking.type must be 'enabled', 'adaptive' "
                    + "or 'disabled'.");
        };
    }

    private static String effort(JsonNode outputConfig) {
        if (outputConfig == null || outputConfig.isNull()) {
            return null;
        }
        if (outputConfig.has("format") && !outputConfig.get("format").isNull()) {
            throw GatewayException.invalid("output_config.format", "output_config.format (structured output) is not "
                    + "supported on /v1/messages; leave it out.");
        }
        JsonNode effort = outputConfig.get("effort");
        if (effort == null || effort.isNull()) {
            return null;
        }
        return switch (effort.asText("")) {
            case "low" -> "low";
            case "medium" -> "medium";
            case "high", "xhigh", "max" -> "high";
            default -> throw GatewayException.invalid("output_config.effort", "output_config.effort must be low, "
                    + "medium, high, xhigh or max.");
        };
    }

    private static String budgetEffort(JsonNode thinking, Integer maxTokens) {
        JsonNode budget = thinking.path("budget_tokens");
        if (!budget.isInt() || budget.asInt() < MIN_THINKING_BUDGET) {
            throw GatewayException.invalid("thinking.budget_tokens", "thinking.budget_tokens must be an integer of at "
                    + "least " + MIN_THINKING_BUDGET + ".");
        }
        if (maxTokens != null && budget.asInt() >= maxTokens) {
            throw GatewayException.invalid("thinking.budget_tokens", "thinking.budget_tokens must be less than "
                    + "max_tokens.");
        }
        int tokens = budget.asInt();
        return tokens <= 1024 ? "low" : tokens <= 4096 ? "medium" : "high";
    }
}
