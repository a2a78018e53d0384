package dev.wormhole.tool;

import dev.wormhole.core.ChatDelta;

/** What a streamed agent loop emits: the deltas the client sees, and the server tool calls made between turns. */
public sealed interface AgentEvent {

    /** A delta of the answer. */
    record Delta(ChatDelta delta) implements AgentEvent {
    }

    /** A server tool call that ran between two turns. */
    record Step(AgentStep step) implements AgentEvent {
    }
}
