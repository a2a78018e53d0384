package dev.wormhole.provider.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.wormhole.provider.WireSupport;
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

    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private AnthropicMapper() {
    }

    /**
     * The wire request; the output limit is the caller's, else {@code defaultMaxTokens} (Anthropic requires
     * one) plus any thinking budget.
     */
    static MessagesRequest toWire(ChatRequest request, boolean stream, int defaultMaxTokens, ObjectMapper json) {
        AnthropicParameters.refuseUnsupported(request);
        List<ChatMessage> messages = MessageRepair.repair(request.messages(), MessageRepair.SAFE_IDS);
        List<Block> system = new ArrayList<>();
        List<MessagesRequest.Message> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> system.add(Block.text(WireSupport.systemText(m, i, "Anthropic")));
                case USER -> append(turns, "user", userBlocks(m, i));
                case TOOL -> append(turns, "user",
                        List.of(Block.toolResult(m.toolCallId(), m.text().isEmpty() ? null : m.text(), m.toolError())));
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
        Integer topK = WireSupport.topK(request.extensions());
        AnthropicParameters.Limits limits = AnthropicParameters.limits(request, topK, defaultMaxTokens);
        return new MessagesRequest(request.model(), limits.maxTokens(), turns, system.isEmpty() ? null : system,
                request.temperature(), request.topP(), topK, request.stop().isEmpty() ? null : request.stop(),
                stream ? Boolean.TRUE : null, tools.isEmpty() ? null : tools, choice,
                request.user() == null ? null : new MessagesRequest.Metadata(request.user()), limits.thinking());
    }

    /** Whether an answer to this request arrives as the forced {@link #RESPONSE_TOOL}. */
    static boolean answersThroughTool(ChatRequest request) {
        return request.responseFormat() != null && request.responseFormat().type() != ResponseFormat.Type.TEXT;
    }

    /** Consecutive messages of one role become one turn, as Anthropic alternates user and assistant. */
    private static void append(List<MessagesRequest.Message> turns, String role, List<Block> blocks) {
        WireSupport.appendTurn(turns, role, blocks, MessagesRequest.Message::role, MessagesRequest.Message::content,
                MessagesRequest.Message::new);
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
        WireSupport.InlineData data = WireSupport.inlineData(url);
        if (data == null) {
            throw GatewayException.invalid(param, "An image must be an http(s) URL or a base64 data: URL.");
        }
        if (!IMAGE_TYPES.contains(data.mediaType())) {
            throw GatewayException.invalid(param, "Anthropic accepts JPEG, PNG, GIF and WebP images, not "
                    + data.mediaType() + ".");
        }
        return new Block.Source("base64", data.mediaType(), data.base64(), null);
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
            blocks.add(Block.toolUse(call.id(), call.name(), WireSupport.jsonObject(call.arguments(),
                    "messages[" + i + "].tool_calls[" + c + "].function.arguments", "Anthropic", json)));
        }
        return blocks;
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
                        String input = WireSupport.writeJson(block.input() == null ? Map.of() : block.input(), json);
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
        long fresh = WireSupport.orZero(usage.inputTokens());
        long written = WireSupport.orZero(usage.cacheCreationInputTokens());
        long read = WireSupport.orZero(usage.cacheReadInputTokens());
        return new Usage(fresh + written + read, WireSupport.orZero(usage.outputTokens()), read, 0);
    }

    static List<ModelInfo> fromWire(ModelList list, String providerId) {
        if (list.data() == null) {
            return List.of();
        }
        return list.data().stream().filter(m -> m.id() != null).map(m -> new ModelInfo(m.id(), providerId, "anthropic",
                WireSupport.epochSeconds(m.createdAt(), 0), false, m.displayName(), null, null, null, null, null, false)).toList();
    }

}
