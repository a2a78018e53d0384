package dev.wormhole.provider.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.core.Usage;

/**
 * What the simulator answers to a request, computed purely from the request: the same request always
 * yields the same tokens, tool call and usage. Tokens are words with their leading space.
 *
 * @param tokens   the text tokens (empty when the answer is a tool call)
 * @param toolCall the tool call, or null
 */
record SimulatedAnswer(String id, List<String> tokens, ToolCall toolCall, FinishReason finishReason, Usage usage) {

    private static final int DEFAULT_LENGTH = 32;
    private static final int QUOTE_CHARS = 60;
    private static final String[] LEXICON = { "gateway", "stream", "token", "latency", "provider", "route",
            "model", "request", "answer", "signal", "buffer", "packet", "window", "budget", "replica", "lease",
            "circuit", "breaker", "retry", "batch", "catalog", "vector", "schema", "tool" };

    static SimulatedAnswer answer(ChatRequest request, ObjectMapper json) {
        String digest = digest(request.model(), request.messages());
        String id = "chatcmpl-sim-" + digest.substring(0, 24);
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        long promptTokens = promptTokens(request.messages());
        ToolDefinition tool = toolToCall(request, last);
        if (tool != null) {
            Object example = tool.parameters() == null ? java.util.Map.of()
                    : SchemaExample.valueFor(tool.parameters(), quote(lastUserText(request)));
            String arguments = write(json, example);
            ToolCall call = new ToolCall("call_" + digest.substring(24, 48), tool.name(), arguments);
            return new SimulatedAnswer(id, List.of(), call, FinishReason.TOOL_CALLS,
                    Usage.of(promptTokens, estimateTokens(tool.name() + arguments)));
        }
        List<String> tokens = tokenize(text(request, last, digest, json));
        FinishReason finish = FinishReason.STOP;
        if (request.maxTokens() != null && tokens.size() > request.maxTokens()) {
            tokens = tokens.subList(0, request.maxTokens());
            finish = FinishReason.LENGTH;
        }
        return new SimulatedAnswer(id, List.copyOf(tokens), null, finish, Usage.of(promptTokens, tokens.size()));
    }

    /** The full text of the answer. */
    String text() {
        return String.join("", tokens);
    }

    private static ToolDefinition toolToCall(ChatRequest request, ChatMessage last) {
        if (request.tools().isEmpty() || last.role() == Role.TOOL) {
            return null;
        }
        ToolChoice choice = request.toolChoice() == null ? ToolChoice.AUTO : request.toolChoice();
        return switch (choice.mode()) {
            case NONE -> null;
            case NAMED -> request.tools().stream().filter(t -> t.name().equals(choice.name())).findFirst()
                    .orElse(request.tools().get(0));
            case AUTO, REQUIRED -> request.tools().get(0);
        };
    }

    private static String text(ChatRequest request, ChatMessage last, String digest, ObjectMapper json) {
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema() != null) {
            return write(json, SchemaExample.valueFor(format.schema(), quote(lastUserText(request))));
        }
        String sentence;
        if (last.role() == Role.TOOL) {
            sentence = "The tool returned: " + quote(last.text()) + ".";
        } else {
            sentence = "Simulated answer from " + request.model() + " to \"" + quote(lastUserText(request)) + "\":";
        }
        StringBuilder text = new StringBuilder(sentence);
        SplittableRandom random = new SplittableRandom(Long.parseUnsignedLong(digest.substring(0, 15), 16));
        int words = Math.max(0, DEFAULT_LENGTH - text.toString().split(" ").length);
        for (int i = 0; i < words; i++) {
            text.append(' ').append(LEXICON[random.nextInt(LEXICON.length)]);
        }
        text.append('.');
        if (format != null && format.type() == ResponseFormat.Type.JSON_OBJECT) {
            return write(json, java.util.Map.of("answer", text.toString()));
        }
        return text.toString();
    }

    private static String lastUserText(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            if (request.messages().get(i).role() == Role.USER) {
                return request.messages().get(i).text();
            }
        }
        return "";
    }

    private static String quote(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= QUOTE_CHARS ? flat : flat.substring(0, QUOTE_CHARS) + "…";
    }

    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                tokens.add(text.substring(start, i));
                start = i;
            }
        }
        return tokens;
    }

    static long estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    private static long promptTokens(List<ChatMessage> messages) {
        return messages.stream().mapToLong(m -> 3 + estimateTokens(m.text())).sum();
    }

    static String digest(String model, List<ChatMessage> messages) {
        StringBuilder all = new StringBuilder(model);
        for (ChatMessage m : messages) {
            all.append('\u0000').append(m.role()).append(m.text());
            for (ToolCall call : m.toolCalls()) {
                all.append(call.name()).append(call.arguments());
            }
        }
        return sha256(all.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
