package dev.wormhole.tool;

import java.util.List;

/**
 * What a chat request asks of the agent loop: which server tools to offer the model, and how many turns that
 * end in server tool calls to allow before giving up.
 */
public record AgentOptions(List<String> tools, int maxSteps) {

    public AgentOptions {
        tools = List.copyOf(tools);
    }
}
