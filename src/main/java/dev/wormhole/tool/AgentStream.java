package dev.wormhole.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.Usage;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.telemetry.Traced;
import io.smallrye.mutiny.Multi;

/**
 * One streamed agent loop. Each turn's deltas go to the client as they arrive, except the fragments of
 * server tool calls (withheld, assembled) and the usage (summed and sent once, at the very end). When a turn
 * ends having called only server tools, they run, a step event per call is emitted, and the next turn's
 * deltas continue the same answer. Client tool calls keep OpenAI's index semantics, renumbered from 0.
 */
final class AgentStream {

    private final AgentLoop loop;
    private final List<String> fallbacks;
    private final AgentOptions options;
    private final CallTrace trace;
    private final Traced agent;

    AgentStream(AgentLoop loop, List<String> fallbacks, AgentOptions options, CallTrace trace, Traced agent) {
        this.loop = loop;
        this.fallbacks = fallbacks;
        this.options = options;
        this.trace = trace;
        this.agent = agent;
    }

    Multi<AgentEvent> turn(ChatRequest request, int step, Usage total) {
        return Multi.createFrom().deferred(() -> {
            Traced stepSpan = loop.stepSpan(agent, trace, step);
            return turn(request, step, total, stepSpan).onFailure().invoke(f -> Traced.end(stepSpan, f, false))
                    .onCancellation().invoke(() -> Traced.end(stepSpan, null, true));
        });
    }

    private Multi<AgentEvent> turn(ChatRequest request, int step, Usage total, Traced stepSpan) {
        Turn turn = new Turn(step == 0);
        Multi<AgentEvent> deltas = loop.open(request, fallbacks, trace)
                .onItem().transformToMulti(stream -> stream)
                .onItem().transformToIterable(delta -> {
                    ChatDelta visible = turn.filter(delta);
                    return visible == null ? List.<AgentEvent> of() : List.<AgentEvent> of(new AgentEvent.Delta(visible));
                });
        return deltas.onCompletion().switchTo(() -> {
            Usage sum = AgentLoop.add(total, turn.usage);
            if (turn.serverCalls.isEmpty() || turn.sawClientCall) {
                Traced.end(stepSpan, null, false);
                return Multi.createFrom().item(new AgentEvent.Delta(new ChatDelta(turn.id, turn.model, turn.created,
                        List.of(), sum)));
            }
            AgentLoop.requireStepLeft(step, options);
            List<ToolCall> calls = turn.serverCalls.values().stream().map(Call::toToolCall).toList();
            List<ContentPart> content = new ArrayList<>(turn.thinking());
            if (turn.text.length() > 0) {
                content.add(new ContentPart.Text(turn.text.toString()));
            }
            ChatMessage reply = new ChatMessage(Role.ASSISTANT, content, null, calls, null);
            return loop.runCalls(calls, step + 1, stepSpan).onItem().transformToMulti(outcomes -> {
                Traced.end(stepSpan, null, false);
                Multi<AgentEvent> stepEvents = Multi.createFrom().iterable(outcomes.getItem2()).map(AgentEvent.Step::new);
                ChatRequest next = AgentLoop.next(request, reply, outcomes.getItem1());
                return Multi.createBy().concatenating().streams(stepEvents, turn(next, step + 1, sum));
            });
        });
    }

    /** A server call being assembled from its fragments. */
    private static final class Call {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        Call(String id, String name) {
            this.id = id;
            this.name = name;
        }

        ToolCall toToolCall() {
            return new ToolCall(id, name, arguments.toString());
        }
    }

    /** The filtering state of one turn; deltas of a stream arrive one at a time. */
    private final class Turn {
        final boolean first;
        final Map<Integer, Call> serverCalls = new LinkedHashMap<>();
        final Map<Integer, Integer> clientIndexes = new LinkedHashMap<>();
        final StringBuilder text = new StringBuilder();
        /** Reasoning blocks so far (a signature or redacted block closes one), replayed with the calls. */
        final List<ContentPart.Thinking> thinking = new ArrayList<>();
        final StringBuilder thinkingText = new StringBuilder();
        boolean sawClientCall;
        Usage usage;
        String id;
        String model;
        long created;

        Turn(boolean first) {
            this.first = first;
        }

        /** The delta the client sees, or null when nothing of it is for the client. */
        ChatDelta filter(ChatDelta delta) {
            id = delta.id();
            model = delta.model();
            created = delta.created();
            if (delta.usage() != null) {
                usage = delta.usage();
            }
            List<ChatDelta.ChoiceDelta> visible = new ArrayList<>();
            for (ChatDelta.ChoiceDelta choice : delta.choices()) {
                if (choice.content() != null) {
                    text.append(choice.content());
                }
                collect(choice.thinking());
                List<ChatDelta.ToolCallDelta> calls = new ArrayList<>();
                for (ChatDelta.ToolCallDelta call : choice.toolCalls()) {
                    ChatDelta.ToolCallDelta shown = route(call);
                    if (shown != null) {
                        calls.add(shown);
                    }
                }
                FinishReason finish = choice.finishReason();
                if (finish == FinishReason.TOOL_CALLS && !serverCalls.isEmpty() && !sawClientCall) {
                    finish = null;
                }
                Role role = first ? choice.role() : null;
                if (role != null || choice.content() != null || !calls.isEmpty() || finish != null
                        || choice.thinking() != null) {
                    visible.add(new ChatDelta.ChoiceDelta(choice.index(), role, choice.content(), calls, finish,
                            choice.thinking()));
                }
            }
            return visible.isEmpty() ? null : new ChatDelta(delta.id(), delta.model(), delta.created(), visible, null);
        }

        private void collect(ContentPart.Thinking piece) {
            if (piece == null) {
                return;
            }
            if (piece.text() != null) {
                thinkingText.append(piece.text());
            }
            if (piece.redacted() != null) {
                thinking.add(piece);
            } else if (piece.signature() != null) {
                thinking.add(new ContentPart.Thinking(thinkingText.toString(), piece.signature(), null));
                thinkingText.setLength(0);
            }
        }

        List<ContentPart.Thinking> thinking() {
            return thinking;
        }

        private ChatDelta.ToolCallDelta route(ChatDelta.ToolCallDelta call) {
            Call server = serverCalls.get(call.index());
            if (server != null) {
                server.arguments.append(call.arguments() == null ? "" : call.arguments());
                return null;
            }
            Integer client = clientIndexes.get(call.index());
            if (client == null && call.name() != null && options.tools().contains(call.name())) {
                Call started = new Call(call.id(), call.name());
                started.arguments.append(call.arguments() == null ? "" : call.arguments());
                serverCalls.put(call.index(), started);
                return null;
            }
            if (client == null) {
                client = clientIndexes.size();
                clientIndexes.put(call.index(), client);
                sawClientCall = true;
            }
            return new ChatDelta.ToolCallDelta(client, call.id(), call.name(), call.arguments());
        }
    }
}
