package dev.wormhole.provider;

import java.util.ArrayList;
import java.util.List;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import io.smallrye.mutiny.Multi;

/**
 * {@code parallel_tool_calls} for upstreams that have no such switch (Gemini, Ollama's native API), which may
 * return several calls in one turn whatever the caller asked. {@code true} is only a permission and needs
 * nothing. {@code false} promises the caller at most one call per turn, so the gateway keeps that promise
 * itself: each choice keeps its first call and the others are not passed on (the model asks for them again
 * once it has the first result). Refusing {@code false} would fail the clients that send it by default (Codex),
 * and passing every call on would break the promise silently for clients that run only one.
 */
public final class ParallelToolCalls {

    private ParallelToolCalls() {
    }

    /** The answer with at most one call per choice when the caller turned parallel calls off; else unchanged. */
    public static ChatResult enforce(ChatRequest request, ChatResult result) {
        if (!Boolean.FALSE.equals(request.parallelToolCalls())) {
            return result;
        }
        List<ChatResult.Choice> choices = new ArrayList<>();
        for (ChatResult.Choice choice : result.choices()) {
            ChatMessage m = choice.message();
            choices.add(m.toolCalls().size() <= 1 ? choice : new ChatResult.Choice(choice.index(),
                    new ChatMessage(m.role(), m.content(), m.name(), m.toolCalls().subList(0, 1), m.toolCallId()),
                    choice.finishReason()));
        }
        return new ChatResult(result.id(), result.model(), result.created(), choices, result.usage(),
                result.systemFingerprint());
    }

    /**
     * The stream without the fragments of any call but each choice's first (index 0) when the caller turned
     * parallel calls off; a delta left with nothing to say is skipped.
     */
    public static Multi<ChatDelta> enforce(ChatRequest request, Multi<ChatDelta> deltas) {
        if (!Boolean.FALSE.equals(request.parallelToolCalls())) {
            return deltas;
        }
        return deltas.map(ParallelToolCalls::firstCallOnly).filter(d -> !d.choices().isEmpty() || d.usage() != null);
    }

    private static ChatDelta firstCallOnly(ChatDelta delta) {
        List<ChatDelta.ChoiceDelta> choices = new ArrayList<>();
        boolean changed = false;
        for (ChatDelta.ChoiceDelta c : delta.choices()) {
            List<ChatDelta.ToolCallDelta> calls = c.toolCalls().stream().filter(t -> t.index() == 0).toList();
            if (calls.size() == c.toolCalls().size()) {
                choices.add(c);
                continue;
            }
            changed = true;
            if (!calls.isEmpty() || c.role() != null || c.content() != null || c.finishReason() != null
                    || c.thinking() != null) {
                choices.add(new ChatDelta.ChoiceDelta(c.index(), c.role(), c.content(), calls, c.finishReason(),
                        c.thinking()));
            }
        }
        return changed ? new ChatDelta(delta.id(), delta.model(), delta.created(), choices, delta.usage()) : delta;
    }
}
