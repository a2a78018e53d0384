package dev.wormhole.provider.anthropic;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.core.Usage;
import dev.wormhole.provider.NativeApi;
import dev.wormhole.provider.NativeEvent;
import dev.wormhole.provider.NativeReply;
import dev.wormhole.provider.SseDecoder;
import dev.wormhole.provider.anthropic.wire.StreamEvent;
import dev.wormhole.provider.anthropic.wire.WireUsage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Anthropic's Messages and token-counting APIs relayed untranslated: the client's body goes up as it is and
 * the reply comes back as it is, read only for its usage, its in-band errors and the characters of its output.
 */
final class AnthropicRelay {

    private final AnthropicApi api;

    AnthropicRelay(AnthropicApi api) {
        this.api = api;
    }

    Uni<NativeReply> call(NativeApi kind, ObjectNode body, Map<String, String> headers) {
        return Uni.createFrom().deferred(() -> api.relay(kind == NativeApi.COUNT_TOKENS ? "/messages/count_tokens"
                : "/messages", body, headers).map(reply -> new NativeReply(reply.getBytes(),
                kind == NativeApi.COUNT_TOKENS ? null : AnthropicMapper.usage(api.decodeMessage(reply).usage()))));
    }

    Multi<NativeEvent> stream(ObjectNode body, Map<String, String> headers) {
        return Multi.createFrom().deferred(() -> {
            Account account = new Account();
            return api.relayStream(body, headers).map(event -> account.next(event, api.decode(event)));
        });
    }

    /**
     * The usage of one relayed stream: the prompt's counts from {@code message_start}, the output's from each
     * {@code message_delta} (cumulative, as are any prompt counts it repeats).
     */
    private static final class Account {
        private Usage usage;

        NativeEvent next(SseDecoder.Event event, StreamEvent decoded) {
            Usage reported = null;
            long characters = 0;
            switch (decoded.type() == null ? "" : decoded.type()) {
                case "message_start" -> {
                    if (decoded.message() != null && decoded.message().usage() != null) {
                        usage = AnthropicMapper.usage(decoded.message().usage());
                        reported = usage;
                    }
                }
                case "message_delta" -> {
                    if (decoded.usage() != null) {
                        usage = merged(decoded.usage());
                        reported = usage;
                    }
                }
                case "content_block_delta" -> {
                    StreamEvent.Delta delta = decoded.delta();
                    if (delta != null) {
                        characters = length(delta.text()) + length(delta.partialJson()) + length(delta.thinking());
                    }
                }
                default -> {
                }
            }
            return new NativeEvent(event.event() != null ? event.event() : decoded.type(), event.data(), reported,
                    characters);
        }

        private Usage merged(WireUsage delta) {
            Usage prompt = delta.inputTokens() != null ? AnthropicMapper.usage(delta) : usage;
            long output = delta.outputTokens() != null ? delta.outputTokens() : usage == null ? 0
                    : usage.completionTokens();
            return prompt == null ? Usage.of(0, output)
                    : new Usage(prompt.promptTokens(), output, prompt.cachedPromptTokens(), 0);
        }

        private static int length(String text) {
            return text == null ? 0 : text.length();
        }
    }
}
