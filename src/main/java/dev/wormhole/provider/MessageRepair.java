package dev.wormhole.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;

/**
 * The conversation clean-up every non-OpenAI dialect applies before translating, with one rule set:
 * <ul>
 * <li>tool-call ids are rewritten into the form the target accepts, the same way for a call and for the
 * result that answers it (two ids that would collide get distinct suffixes);</li>
 * <li>a tool result must answer a call made by an earlier assistant message, and every call must be
 * answered before the next assistant or user turn: otherwise a 400 names the message (the rule OpenAI
 * itself applies, so a conversation valid there is valid everywhere);</li>
 * <li>text that is not well-formed UTF-16 (a lone surrogate, which cannot be encoded as UTF-8) has each bad
 * unit replaced by U+FFFD.</li>
 * </ul>
 */
public final class MessageRepair {

    private static final Pattern UNSAFE_ID_CHARS = Pattern.compile("[^A-Za-z0-9_-]");

    /** Ids of the form {@code [A-Za-z0-9_-]+}, which every dialect accepts. */
    public static final UnaryOperator<String> SAFE_IDS = id -> {
        String safe = id == null ? "" : UNSAFE_ID_CHARS.matcher(id).replaceAll("_");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    };

    private MessageRepair() {
    }

    /** The repaired conversation; throws a 400 naming {@code messages[i]} when tool calls and results do not pair. */
    public static List<ChatMessage> repair(List<ChatMessage> messages, UnaryOperator<String> idForm) {
        Map<String, String> ids = new HashMap<>();
        Set<String> used = new HashSet<>();
        Set<String> pending = new LinkedHashSet<>();
        int pendingSince = -1;
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m.role() == Role.TOOL) {
                String id = m.toolCallId() == null ? null : ids.get(m.toolCallId());
                if (id == null || !pending.remove(m.toolCallId())) {
                    throw GatewayException.invalid("messages[" + i + "]", "messages[" + i + "] is a tool result for '"
                            + m.toolCallId() + "', which no earlier assistant message called (or it was answered"
                            + " already).");
                }
                out.add(new ChatMessage(Role.TOOL, clean(m.content()), m.name(), List.of(), id, m.toolError()));
                continue;
            }
            if (!pending.isEmpty() && (m.role() == Role.ASSISTANT || m.role() == Role.USER)) {
                throw unanswered(pendingSince, pending);
            }
            List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
            for (ToolCall call : m.toolCalls()) {
                String id = unique(idForm.apply(call.id()), used);
                ids.put(call.id(), id);
                pending.add(call.id());
                calls.add(new ToolCall(id, clean(call.name()), clean(call.arguments())));
            }
            if (!calls.isEmpty()) {
                pendingSince = i;
            }
            out.add(new ChatMessage(m.role(), clean(m.content()), m.name(), calls, m.toolCallId()));
        }
        if (!pending.isEmpty()) {
            throw unanswered(pendingSince, pending);
        }
        return out;
    }

    private static GatewayException unanswered(int index, Set<String> pending) {
        return GatewayException.invalid("messages[" + index + "]", "messages[" + index + "] calls tools " + pending
                + " that no tool message answers before the conversation moves on; send one tool result per call.");
    }

    private static String unique(String id, Set<String> used) {
        String base = id.isEmpty() ? "call" : id;
        String candidate = base;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }

    private static List<ContentPart> clean(List<ContentPart> parts) {
        List<ContentPart> out = new ArrayList<>(parts.size());
        for (ContentPart part : parts) {
            out.add(part instanceof ContentPart.Text t ? new ContentPart.Text(clean(t.text())) : part);
        }
        return out;
    }

    /** The text with every unpaired surrogate replaced by U+FFFD; the same instance when it is well-formed. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    if (fixed != null) {
                        fixed.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && fixed == null) {
                fixed = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (fixed != null) {
                fixed.append(bad ? '\uFFFD' : c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }
}
