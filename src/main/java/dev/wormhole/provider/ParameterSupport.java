package dev.wormhole.provider;

import java.util.Set;

import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.GatewayException;

/**
 * Refuses a request that uses a parameter its provider cannot honour, naming the parameter, before any
 * upstream I/O: never silently dropped. Parameters the gateway models are checked by meaning ({@code n} only
 * above 1, {@code stop} only when non-empty); any other name is looked up among the pass-through fields.
 */
public final class ParameterSupport {

    private ParameterSupport() {
    }

    public static void check(ChatRequest request, Set<String> unsupported, String providerId) {
        for (String param : unsupported) {
            if (uses(request, param)) {
                throw GatewayException.invalid(param, "Provider '" + providerId + "' does not support '" + param
                        + "'; leave it out or route to another provider.");
            }
        }
    }

    private static boolean uses(ChatRequest r, String param) {
        return switch (param) {
            case "n" -> r.n() != null && r.n() > 1;
            case "temperature" -> r.temperature() != null;
            case "top_p" -> r.topP() != null;
            case "seed" -> r.seed() != null;
            case "stop" -> !r.stop().isEmpty();
            case "presence_penalty" -> r.presencePenalty() != null;
            case "frequency_penalty" -> r.frequencyPenalty() != null;
            case "tools" -> !r.tools().isEmpty();
            case "tool_choice" -> r.toolChoice() != null;
            case "parallel_tool_calls" -> r.parallelToolCalls() != null;
            case "response_format" -> r.responseFormat() != null;
            case "reasoning_effort" -> r.reasoningEffort() != null;
            case "user" -> r.user() != null;
            default -> r.extensions().containsKey(param);
        };
    }
}
