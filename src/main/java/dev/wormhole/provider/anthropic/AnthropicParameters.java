package dev.wormhole.provider.anthropic;

import java.util.Map;
import java.util.Set;

import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.provider.WireSupport;
import dev.wormhole.provider.anthropic.wire.MessagesRequest;

/**
 * Which caller parameters Anthropic can honour (the rest is a 400 naming them, before any I/O), and the
 * output limit with extended thinking's budget inside it.
 */
final class AnthropicParameters {

    /** Caller-supplied fields that are Anthropic's own and are passed on as they are. */
    private static final Set<String> NATIVE_FIELDS = Set.of("top_k");
    /** Extended-thinking budgets by {@code reasoning_effort}; {@code none} turns thinking off. */
    private static final Map<String, Integer> THINKING_BUDGETS = Map.of("none", 0, "minimal", 1024, "low", 1024,
            "medium", 4096, "high", 16384);
    /** Anthropic's smallest thinking budget. */
    private static final int MIN_THINKING_BUDGET = 1024;

    private AnthropicParameters() {
    }

    /** {@code max_tokens} as sent, and the thinking settings (null when thinking is off). */
    record Limits(int maxTokens, MessagesRequest.Thinking thinking) {
    }

    static void refuseUnsupported(ChatRequest r) {
        if (r.n() != null && r.n() > 1) {
            throw unsupported("n", "one answer per request (n=1)");
        }
        if (r.presencePenalty() != null) {
            throw unsupported("presence_penalty", "no presence penalty");
        }
        if (r.frequencyPenalty() != null) {
            throw unsupported("frequency_penalty", "no frequency penalty");
        }
        if (r.seed() != null) {
            throw unsupported("seed", "no seed");
        }
        if (r.reasoningEffort() != null && !THINKING_BUDGETS.containsKey(r.reasoningEffort())) {
            throw GatewayException.invalid("reasoning_effort", "reasoning_effort must be one of "
                    + THINKING_BUDGETS.keySet() + " for Anthropic.");
        }
        if (r.temperature() != null && r.temperature() > 1) {
            throw unsupported("temperature", "temperatures from 0 to 1 only");
        }
        WireSupport.refuseUnknownFields(r.extensions(), NATIVE_FIELDS, "Anthropic");
    }

    /**
     * The caller's output limit, else the default (Anthropic requires one) plus the thinking budget; the budget
     * stays below the limit, and what Anthropic does not combine with thinking is refused.
     */
    static Limits limits(ChatRequest r, Integer topK, int defaultMaxTokens) {
        int budget = r.reasoningEffort() == null ? 0 : THINKING_BUDGETS.get(r.reasoningEffort());
        int maxTokens = r.maxTokens() != null ? r.maxTokens() : defaultMaxTokens + budget;
        if (budget == 0) {
            return new Limits(maxTokens, null);
        }
        refuseWithThinking(r, topK);
        if (maxTokens <= MIN_THINKING_BUDGET) {
            throw GatewayException.invalid("max_tokens", "With reasoning_effort, Anthropic needs max_tokens above "
                    + MIN_THINKING_BUDGET + " (the thinking counts against it).");
        }
        return new Limits(maxTokens, new MessagesRequest.Thinking("enabled", Math.min(budget, maxTokens - 1)));
    }

    /** What Anthropic does not allow together with extended thinking. */
    private static void refuseWithThinking(ChatRequest r, Integer topK) {
        String why = " cannot be combined with reasoning_effort on Anthropic (extended thinking).";
        if (r.temperature() != null && r.temperature() != 1.0) {
            throw GatewayException.invalid("temperature", "A temperature other than 1" + why);
        }
        if (topK != null) {
            throw GatewayException.invalid("top_k", "top_k" + why);
        }
        if (r.topP() != null && r.topP() < 0.95) {
            throw GatewayException.invalid("top_p", "A top_p below 0.95" + why);
        }
        if (r.toolChoice() != null && (r.toolChoice().mode() == ToolChoice.Mode.REQUIRED
                || r.toolChoice().mode() == ToolChoice.Mode.NAMED)) {
            throw GatewayException.invalid("tool_choice", "Forcing a tool" + why);
        }
        if (AnthropicMapper.answersThroughTool(r)) {
            throw GatewayException.invalid("response_format", "Structured output (a forced tool on Anthropic)" + why);
        }
    }

    private static GatewayException unsupported(String param, String what) {
        return GatewayException.invalid(param, "Anthropic supports " + what + "; leave '" + param
                + "' out or route to another provider.");
    }
}
