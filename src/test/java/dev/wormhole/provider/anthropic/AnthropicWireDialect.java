package dev.wormhole.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.provider.DeltaStreams;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.anthropic.wire.MessagesResponse;
import dev.wormhole.testing.WireDialect;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/** Anthropic's Messages API as {@link AnthropicProvider} speaks it. */
public final class AnthropicWireDialect implements WireDialect {

    private static final int DEFAULT_MAX_TOKENS = 4096;

    private final ObjectMapper json = WireDialect.json();
    private final Vertx vertx = Vertx.vertx();
    private final AnthropicApi api = new AnthropicApi(vertx, WireDialect.settings("anthropic", Dialect.ANTHROPIC,
            "https://api.anthropic.com", ProviderSettings.Quirks.NONE), json);

    @Override
    public JsonNode request(ChatRequest request, boolean stream) {
        return WireDialect.tree(json, AnthropicMapper.toWire(request, stream, DEFAULT_MAX_TOKENS, json));
    }

    @Override
    public Multi<ChatDelta> stream(Multi<Buffer> body, ChatRequest request) {
        AnthropicStream stream = new AnthropicStream(request.model(), AnthropicMapper.answersThroughTool(request),
                CREATED);
        return DeltaStreams.expand(api.messageEvents(body), stream::onEvent);
    }

    @Override
    public ChatResult result(byte[] body, ChatRequest request) {
        return AnthropicMapper.fromWire(WireDialect.read(json, body, MessagesResponse.class), request.model(),
                AnthropicMapper.answersThroughTool(request), CREATED, json);
    }

    @Override
    public void close() {
        api.close();
        vertx.close();
    }
}
