package dev.wormhole.tool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.core.Usage;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.routing.Dispatcher;
import dev.wormhole.telemetry.Traced;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;

/**
 * The agent loop: offers the model the requested server tools beside the client's own; while the model's
 * turn calls only server tools, runs them (a turn's calls in parallel, within their bulkheads), appends the
 * results and asks again; stops at an answer without tool calls, at a turn that calls a client tool (returned
 * to the client as usual; server calls of that same turn are not run), or fails once {@code max_steps} turns
 * have ended in server tool calls.
 */
@ApplicationScoped
public class AgentLoop {

    /** A finished loop: the last turn's answer with the usage of every turn, and the tool calls made. */
    public record Result(ChatResult result, List<AgentStep> steps) {
    }

    private final Dispatcher dispatcher;
    private final ToolRegistry registry;
    private final ToolInvoker invoker;
    private final ObjectMapper json;
    private final AgentSpans spans;
    private final int maxParallel;

    AgentLoop(Dispatcher dispatcher, ToolRegistry registry, ToolInvoker invoker, ObjectMapper json, AgentSpans spans,
            WormholeConfig config) {
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.invoker = invoker;
        this.json = json;
        this.spans = spans;
        this.maxParallel = config.agent().maxParallelTools();
    }

    /** Runs the loop to its final answer. */
    public Uni<Result> run(ChatRequest request, List<String> fallbacks, AgentOptions options, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            ChatRequest first = withServerTools(request, options);
            Traced agent = spans.agent(trace);
            return turn(first, fallbacks, options, trace, new ArrayList<>(), Usage.ZERO, 0, agent)
                    .onTermination().invoke((result, failure, cancelled) -> Traced.end(agent, failure, cancelled));
        });
    }

    /**
     * Runs the loop as one stream: each turn streams live; server tool calls are withheld from the client and
     * reported as step events between turns; the client sees one answer ending with the summed usage.
     */
    public Multi<AgentEvent> stream(ChatRequest request, List<String> fallbacks, AgentOptions options,
            CallTrace trace) {
        return Multi.createFrom().deferred(() -> {
            ChatRequest first = withServerTools(request, options);
            Traced agent = spans.agent(trace);
            return new AgentStream(this, fallbacks, options, trace, agent).turn(first, 0, Usage.ZERO)
                    .onTermination().invoke((failure, cancelled) -> Traced.end(agent, failure, cancelled));
        });
    }

    Uni<Multi<ChatDelta>> open(ChatRequest request, List<String> fallbacks,
            CallTrace trace) {
        return dispatcher.stream(request, fallbacks, trace);
    }

    /** The span of turn {@code step} of the loop traced by {@code agent} (null when tracing is off). */
    Traced stepSpan(Traced agent, CallTrace trace, int step) {
        return spans.step(agent, trace, step);
    }

    private Uni<Result> turn(ChatRequest request, List<String> fallbacks, AgentOptions options, CallTrace trace,
            List<AgentStep> steps, Usage total, int step, Traced agent) {
        Traced stepSpan = spans.step(agent, trace, step);
        return dispatcher.chat(request, fallbacks, trace).onItem().transformToUni(result -> {
            Usage sum = add(total, result.usage());
            ChatMessage reply = result.choices().get(0).message();
            if (!onlyServerCalls(reply.toolCalls(), options)) {
                Traced.end(stepSpan, null, false);
                return Uni.createFrom().item(new Result(withUsage(result, sum), steps));
            }
            requireStepLeft(step, options);
            return runCalls(reply.toolCalls(), step + 1, stepSpan).onItem().transformToUni(outcomes -> {
                Traced.end(stepSpan, null, false);
                steps.addAll(outcomes.getItem2());
                return turn(next(request, reply, outcomes.getItem1()), fallbacks, options, trace, steps, sum, step + 1,
                        agent);
            });
        }).onFailure().invoke(failure -> Traced.end(stepSpan, failure, false));
    }

    boolean onlyServerCalls(List<ToolCall> calls, AgentOptions options) {
        return !calls.isEmpty() && calls.stream().allMatch(c -> options.tools().contains(c.name()));
    }

    static void requireStepLeft(int step, AgentOptions options) {
        if (step >= options.maxSteps()) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "max_steps_exceeded", "The model was still calling "
                    + "server tools after max_steps (" + options.maxSteps() + ") turns; raise wormhole.max_steps "
                    + "or simplify the task.");
        }
    }

    /** Runs a turn's calls, at most {@code maxParallel} at once; results and steps in call order. */
    Uni<Tuple2<List<ChatMessage>, List<AgentStep>>> runCalls(List<ToolCall> calls, int step, Traced stepSpan) {
        return Multi.createFrom().range(0, calls.size())
                .onItem().transformToUni(i -> Uni.createFrom().deferred(() -> {
                    Traced tool = spans.tool(stepSpan, calls.get(i));
                    return invoker.invoke(calls.get(i).name(), arguments(calls.get(i)))
                            .invoke(outcome -> AgentSpans.ended(tool, outcome))
                            .onFailure().invoke(failure -> Traced.end(tool, failure, false))
                            .onCancellation().invoke(() -> Traced.end(tool, null, true));
                }).map(outcome -> Tuple2.of(i, outcome)))
                .merge(Math.min(maxParallel, calls.size()))
                .collect().asList()
                .map(done -> {
                    List<Tuple2<Integer, ToolOutcome>> ordered = new ArrayList<>(done);
                    ordered.sort(Comparator.comparing(Tuple2::getItem1));
                    List<ChatMessage> messages = new ArrayList<>();
                    List<AgentStep> steps = new ArrayList<>();
                    for (Tuple2<Integer, ToolOutcome> pair : ordered) {
                        ToolCall call = calls.get(pair.getItem1());
                        ToolOutcome outcome = pair.getItem2();
                        messages.add(new ChatMessage(Role.TOOL, ChatMessage.text(Role.TOOL, content(outcome)).content(),
                                null, List.of(), call.id()));
                        steps.add(new AgentStep(step, call.name(), call.id(), call.arguments(), outcome.durationMillis(),
                                outcome.succeeded() ? "ok" : outcome.errorType(), outcome.errorMessage()));
                    }
                    return Tuple2.of(messages, steps);
                });
    }

    /** The request of the next turn: the model's tool-calling message and the tool results appended. */
    static ChatRequest next(ChatRequest request, ChatMessage reply, List<ChatMessage> results) {
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        messages.add(new ChatMessage(Role.ASSISTANT, reply.content(), null, reply.toolCalls(), null));
        messages.addAll(results);
        return new ChatRequest(request.model(), messages, request.temperature(), request.topP(), request.maxTokens(),
                request.n(), request.stop(), request.seed(), request.presencePenalty(), request.frequencyPenalty(),
                request.tools(), request.toolChoice(), request.parallelToolCalls(), request.responseFormat(),
                request.reasoningEffort(), request.user(), request.extensions());
    }

    private ChatRequest withServerTools(ChatRequest request, AgentOptions options) {
        if (request.n() != null && request.n() > 1) {
            throw GatewayException.invalid("n", "The agent loop answers with one choice; leave n unset or 1.");
        }
        Set<String> clientNames = new HashSet<>();
        request.tools().forEach(t -> clientNames.add(t.name()));
        List<ToolDefinition> tools = new ArrayList<>(request.tools());
        for (String name : options.tools()) {
            Tool tool = registry.find(name).orElseThrow(() -> GatewayException.invalid("wormhole.tools",
                    "No server tool named '" + name + "'; GET /v1/tools lists them."));
            if (clientNames.contains(name)) {
                throw GatewayException.invalid("tools", "The tool '" + name + "' is both a client tool and a server "
                        + "tool; rename the client's.");
            }
            tools.add(new ToolDefinition(tool.name(), tool.description(), tool.parameters(), null));
        }
        return new ChatRequest(request.model(), request.messages(), request.temperature(), request.topP(),
                request.maxTokens(), request.n(), request.stop(), request.seed(), request.presencePenalty(),
                request.frequencyPenalty(), tools, request.toolChoice(), request.parallelToolCalls(),
                request.responseFormat(), request.reasoningEffort(), request.user(), request.extensions());
    }

    private JsonNode arguments(ToolCall call) {
        try {
            return call.arguments() == null || call.arguments().isBlank() ? json.createObjectNode()
                    : json.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            // Not JSON: the schema check reports it (a string is not an object) without running the tool.
            return json.getNodeFactory().textNode(call.arguments());
        }
    }

    private String content(ToolOutcome outcome) {
        try {
            if (outcome.succeeded()) {
                return json.writeValueAsString(outcome.result());
            }
            return json.writeValueAsString(java.util.Map.of("error", java.util.Map.of("type", outcome.errorType(),
                    "message", outcome.errorMessage())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Usage add(Usage a, Usage b) {
        if (b == null) {
            return a;
        }
        return new Usage(a.promptTokens() + b.promptTokens(), a.completionTokens() + b.completionTokens(),
                a.cachedPromptTokens() + b.cachedPromptTokens(), a.reasoningTokens() + b.reasoningTokens());
    }

    private static ChatResult withUsage(ChatResult result, Usage usage) {
        return new ChatResult(result.id(), result.model(), result.created(), result.choices(), usage,
                result.systemFingerprint());
    }
}
