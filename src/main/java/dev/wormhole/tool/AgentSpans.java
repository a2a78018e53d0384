package dev.wormhole.tool;

import static dev.wormhole.telemetry.GenAiKeys.AGENT_NAME;
import static dev.wormhole.telemetry.GenAiKeys.AGENT_STEP;
import static dev.wormhole.telemetry.GenAiKeys.ERROR_TYPE;
import static dev.wormhole.telemetry.GenAiKeys.OPERATION;
import static dev.wormhole.telemetry.GenAiKeys.TOOL_CALL_ID;
import static dev.wormhole.telemetry.GenAiKeys.TOOL_NAME;
import static dev.wormhole.telemetry.GenAiKeys.TOOL_TYPE;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.ToolCall;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.telemetry.Traced;
import dev.wormhole.telemetry.Tracing;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;

/**
 * The spans of an agent loop, per the GenAI conventions: {@code invoke_agent wormhole} for the loop, under it one
 * {@code agent_step N} per turn (the model call of the turn and its tool runs), and {@code execute_tool NAME} per
 * server tool call. All null (and free) when tracing is off.
 */
@ApplicationScoped
class AgentSpans {


    private final Tracing tracing;

    AgentSpans(Tracing tracing) {
        this.tracing = tracing;
    }

    /** The span of a whole loop, under the request's. */
    Traced agent(CallTrace trace) {
        if (!tracing.on()) {
            return null;
        }
        return tracing.internal(trace.parent() != null ? trace.parent() : tracing.current(), "invoke_agent wormhole",
                Attributes.of(OPERATION, "invoke_agent", AGENT_NAME, "wormhole"));
    }

    /** The span of turn {@code step} (0-based), made the parent of the turn's model calls. */
    Traced step(Traced agent, CallTrace trace, int step) {
        if (agent == null) {
            return null;
        }
        Traced span = tracing.internal(agent.context(), "agent_step " + (step + 1),
                Attributes.of(AGENT_STEP, step + 1L));
        trace.parent(span.context());
        return span;
    }

    /** The span of one server tool call under its turn's. */
    Traced tool(Traced step, ToolCall call) {
        if (step == null) {
            return null;
        }
        return tracing.internal(step.context(), "execute_tool " + call.name(), Attributes.builder()
                .put(OPERATION, "execute_tool").put(TOOL_NAME, call.name()).put(TOOL_TYPE, "function")
                .put(TOOL_CALL_ID, call.id() == null ? "" : call.id()).build());
    }

    /** Ends a tool's span with its outcome: a failed tool is an error of its {@code errorType}. */
    static void ended(Traced tool, ToolOutcome outcome) {
        if (tool == null) {
            return;
        }
        if (!outcome.succeeded()) {
            tool.span().setAttribute(ERROR_TYPE, outcome.errorType());
            tool.span().setStatus(StatusCode.ERROR, outcome.errorMessage() == null ? "" : outcome.errorMessage());
        }
        tool.end(null, false);
    }
}
