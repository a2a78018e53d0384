package dev.wormhole.provider.anthropic;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.MessageRepair;
import dev.wormhole.provider.anthropic.wire.Block;
import dev.wormhole.provider.anthropic.wire.MessagesRequest;
import dev.wormhole.provider.anthropic.wire.MessagesResponse;
import dev.wormhole.provider.anthropic.wire.ModelList;
import dev.wormhole.provider.anthropic.wire.WireUsage;

/**
 * Pure translation between the core model and Anthropic's Messages API. Parameters Anthropic cannot honour
 * are refused with a 400 naming them; {@code response_format} becomes a forced tool whose input is the
 * answer.
 */
final class AnthropicMapper {

    /** The forced tool that carries a structured answer. */
    static final String RESPONSE_TOOL = "json_response";

    /** Caller-supplied fields that are Anthropic's own and are passed on as they are. */
    private static final Set<String> NATIVE_FIELDS = Set.of("top_k");

    /** Extended-thinking budgets by {@code reasoning_effort}; {@code none} turns thinking off. */
    private static final Map<String, Integer> THINKING_BUDGETS = Map.of("none", 0, "minimal", 1024, "low", 1024,
            "medium", 4096, "high", 16384);
    /** Anthropic's smallest thinking budget. */
    private static final int MIN_THINKING_BUDGET = 1024;

    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+)(;base64)?,(.*)", Pattern.DOTALL);

    private AnthropicMapper() {
    }

    /** The wire request; the output limit is the caller's, else {@code defaultMaxTokens} (Anthropic requires one). */
    static MessagesRequest toWire(ChatRequest request, boolean stream, int defaultMaxTokens, ObjectMapper json) {
        refuseUnsupported(request);
        List<ChatMessage> messages = MessageRepair.repair(request.messages(), MessageRepair.SAFE_IDS);
        List<Block> system = new ArrayList<>();
        List<MessagesRequest.Message> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> system.add(Block.text(systemText(m, i)));
                case USER -> append(turns, "user", userBlocks(m, i));
                case TOOL -> append(turns, "user",
                        List.of(Block.toolResult(m.toolCallId(), m.text().isEmpty() ? null : m.text())));
                case ASSISTANT -> append(turns, "assistant", assistantBlocks(m, i, json));
            }
        }
        if (turns.isEmpty()) {
            throw GatewayException.invalid("messages", "Anthropic needs at least one user or assistant message besides "
                    + "the system prompt.");
        }
        List<MessagesRequest.Tool> tools = new ArrayList<>();
        for (ToolDefinition t : request.tools()) {
            tools.add(new MessagesRequest.Tool(t.name(), t.description(), objectSchema(t.parameters())));
        }
        MessagesRequest.ToolChoice choice = tools.isEmpty() ? null
                : toolChoice(request.toolChoice(), request.parallelToolCalls());
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            if (!tools.isEmpty()) {
                throw GatewayException.invalid("response_format", "Anthropic answers in a schema through a forced tool,"
                        + " so response_format cannot be combined with tools for this provider.");
            }
            Map<String, Object> schema = format.type() == ResponseFormat.Type.JSON_SCHEMA ? format.schema()
                    : Map.of("type", "object");
            if (schema == null || !"object".equals(schema.get("type"))) {
                throw GatewayException.invalid("response_format", "Anthropic can only answer a JSON schema whose top "
                        + "level is an object (\"type\": \"object\").");
            }
            tools.add(new MessagesRequest.Tool(RESPONSE_TOOL, "Give the answer by calling this tool: its input is the"
                    + " answer, in the required JSON shape.", schema));
            choice = new MessagesRequest.ToolChoice("tool", RESPONSE_TOOL, null);
        }
        Object topK = request.extensions().get("top_k");
        if (topK != null && !(topK instanceof Integer)) {
            throw GatewayException.invalid("top_k", "top_k must be an integer.");
        }
        int budget = request.reasoningEffort() == null ? 0 : THINKING_BUDGETS.get(request.reasoningEffort());
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens + budget;
        MessagesRequest.Thinking thinking = null;
        if (budget > 0) {
            refuseWithThinking(request, topK);
            if (maxTokens <= MIN_THINKING_BUDGET) {
                throw GatewayException.invalid("max_tokens", "With reasoning_effort, Anthropic needs max_tokens above "
                        + MIN_THINKING_BUDGET + " (the thinking counts against it).");
            }
            thinking = new MessagesRequest.Thinking("enabled", Math.min(budget, maxTokens - 1));
        }
        return new MessagesRequest(request.model(), maxTokens, turns, system.isEmpty() ? null : system,
                request.temperature(), request.topP(), (Integer) topK, request.stop().isEmpty() ? null : request.stop(),
                stream ? Boolean.TRUE : null, tools.isEmpty() ? null : tools, choice,
                request.user() == null ? null : new MessagesRequest.Metadata(request.user()), thinking);
    }

    /** What Anthropic does not allow together with extended thinking. */
    private static void refuseWithThinking(ChatRequest r, Object topK) {
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
        if (answersThroughTool(r)) {
            throw GatewayException.invalid("response_format", "Structured output (a forced tool on Anthropic)" + why);
        }
    }

    /** Whether an answer to this request arrives as the forced {@link #RESPONSE_TOOL}. */
    static boolean answersThroughTool(ChatRequest request) {
        return request.responseFormat() != null && request.responseFormat().type() != ResponseFormat.Type.TEXT;
    }

    private static void refuseUnsupported(ChatRequest r) {
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
        for (Map.Entry<String, Object> field : r.extensions().entrySet()) {
            Object value = field.getValue();
            if (!NATIVE_FIELDS.contains(field.getKey()) && value != null && !Boolean.FALSE.equals(value)) {
                throw unsupported(field.getKey(), "no such parameter");
            }
        }
    }

    private static GatewayException unsupported(String param, String what) {
        return GatewayException.invalid(param, "Anthropic supports " + what + "; leave '" + param
                + "' out or route to another provider.");
    }

    private static String systemText(ChatMessage m, int i) {
        if (m.content().stream().anyMatch(p -> !(p instanceof ContentPart.Text))) {
            throw GatewayException.invalid("messages[" + i + "]", "A system message can only hold text for Anthropic.");
        }
        return m.text();
    }

    /** Consecutive messages of one role become one turn, as Anthropic alternates user and assistant. */
    private static void append(List<MessagesRequest.Message> turns, String role, List<Block> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        MessagesRequest.Message last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role().equals(role)) {
            List<Block> merged = new ArrayList<>(last.content());
            merged.addAll(blocks);
            turns.set(turns.size() - 1, new MessagesRequest.Message(role, merged));
        } else {
            turns.add(new MessagesRequest.Message(role, blocks));
        }
    }

    private static List<Block> userBlocks(ChatMessage m, int i) {
        List<Block> blocks = new ArrayList<>();
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.Text text) {
                if (!text.text().isEmpty()) {
                    blocks.add(Block.text(text.text()));
                }
            } else if (part instanceof ContentPart.Image image) {
                blocks.add(Block.image(imageSource(image.url(), i)));
            }
        }
        if (blocks.isEmpty()) {
            throw GatewayException.invalid("messages[" + i + "]", "messages[" + i + "] is empty; Anthropic needs content"
                    + " in every user message.");
        }
        return blocks;
    }

    static Block.Source imageSource(String url, int i) {
        String param = "messages[" + i + "]";
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return new Block.Source("url", null, null, url);
        }
        Matcher data = DATA_URL.matcher(url);
        if (!data.matches() || data.group(2) == null) {
            throw GatewayException.invalid(param, "An image must be an http(s) URL or a base64 data: URL.");
        }
        String mediaType = data.group(1).toLowerCase(java.util.Locale.ROOT);
        if (!IMAGE_TYPES.contains(mediaType)) {
            throw GatewayException.invalid(param, "Anthropic accepts JPEG, PNG, GIF and WebP images, not " + mediaType + ".");
        }
        return new Block.Source("base64", mediaType, data.group(3), null);
    }

    private static List<Block> assistantBlocks(ChatMessage m, int i, ObjectMapper json) {
        List<Block> blocks = new ArrayList<>();
        // Signed thinking goes back first, as Anthropic requires during tool use; unsigned reasoning (from
        // another provider) cannot be verified by Anthropic and is left out.
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.Thinking t) {
                if (t.redacted() != null) {
                    blocks.add(Block.redactedThinking(t.redacted()));
                } else if (t.signature() != null) {
                    blocks.add(Block.thinking(t.text() == null ? "" : t.text(), t.signature()));
                }
            }
        }
        String text = m.text();
        if (!text.isEmpty()) {
            blocks.add(Block.text(text));
        }
        for (int c = 0; c < m.toolCalls().size(); c++) {
            ToolCall call = m.toolCalls().get(c);
            blocks.add(Block.toolUse(call.id(), call.name(), arguments(call.arguments(),
                    "messages[" + i + "].tool_calls[" + c + "].function.arguments", json)));
        }
        return blocks;
    }

    private static Map<String, Object> arguments(String arguments, String param, ObjectMapper json) {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        try {
            Object parsed = json.readValue(arguments, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
        } catch (JsonProcessingException e) {
            // Reported below, like a non-object.
        }
        throw GatewayException.invalid(param, param + " must be a JSON object for Anthropic.");
    }

    private static Map<String, Object> objectSchema(Map<String, Object> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return Map.of("type", "object", "properties", Map.of());
        }
        if (parameters.containsKey("type")) {
            return parameters;
        }
        Map<String, Object> typed = new LinkedHashMap<>(parameters);
        typed.put("type", "object");
        return typed;
    }

    private static MessagesRequest.ToolChoice toolChoice(ToolChoice choice, Boolean parallelToolCalls) {
        Boolean disableParallel = Boolean.FALSE.equals(parallelToolCalls) ? Boolean.TRUE : null;
        if (choice == null) {
            return disableParallel == null ? null : new MessagesRequest.ToolChoice("auto", null, true);
        }
        return switch (choice.mode()) {
            case AUTO -> new MessagesRequest.ToolChoice("auto", null, disableParallel);
            case NONE -> new MessagesRequest.ToolChoice("none", null, null);
            case REQUIRED -> new MessagesRequest.ToolChoice("any", null, disableParallel);
            case NAMED -> new MessagesRequest.ToolChoice("tool", choice.name(), disableParallel);
        };
    }

    /** A complete answer. With {@code toolAnswer}, the forced tool's input is the answer's text. */
    static ChatResult fromWire(MessagesResponse response, String requestedModel, boolean toolAnswer, long created,
            ObjectMapper json) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<ContentPart> thinking = new ArrayList<>();
        boolean answeredByTool = false;
        if (response.content() != null) {
            for (Block block : response.content()) {
                switch (block.type() == null ? "" : block.type()) {
                    case "text" -> text.append(block.text() == null ? "" : block.text());
                    case "tool_use" -> {
                        String input = write(block.input() == null ? Map.of() : block.input(), json);
                        if (toolAnswer && RESPONSE_TOOL.equals(block.name())) {
                            text.setLength(0);
                            text.append(input);
                            answeredByTool = true;
                        } else {
                            calls.add(new ToolCall(block.id(), block.name(), input));
                        }
                    }
                    case "thinking" -> thinking.add(new ContentPart.Thinking(block.thinking(), block.signature(), null));
                    case "redacted_thinking" -> thinking.add(new ContentPart.Thinking(null, null, block.data()));
                    default -> {
                        // server-tool blocks carry nothing an OpenAI-shaped answer holds
                    }
                }
            }
        }
        List<ContentPart> content = new ArrayList<>(thinking);
        if (text.length() > 0 || calls.isEmpty()) {
            content.add(new ContentPart.Text(text.toString()));
        }
        FinishReason finish = answeredByTool ? FinishReason.STOP : finishReason(response.stopReason());
        ChatMessage message = new ChatMessage(Role.ASSISTANT, content, null, calls, null);
        return new ChatResult(response.id(), response.model() == null ? requestedModel : response.model(), created,
                List.of(new ChatResult.Choice(0, message, finish)), usage(response.usage()), null);
    }

    static String write(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode a tool input", e);
        }
    }

    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    /** Anthropic counts fresh, cache-written and cache-read input apart; the prompt is their sum. */
    static Usage usage(WireUsage usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        long fresh = orZero(usage.inputTokens());
        long written = orZero(usage.cacheCreationInputTokens());
        long read = orZero(usage.cacheReadInputTokens());
        return new Usage(fresh + written + read, orZero(usage.outputTokens()), read, 0);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    static List<ModelInfo> fromWire(ModelList list, String providerId) {
        if (list.data() == null) {
            return List.of();
        }
        return list.data().stream().filter(m -> m.id() != null).map(m -> new ModelInfo(m.id(), providerId, "anthropic",
                epochSeconds(m.createdAt()), false, m.displayName(), null, null, null, null, null, false)).toList();
    }

    private static long epochSeconds(String rfc3339) {
        if (rfc3339 == null) {
            return 0;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
