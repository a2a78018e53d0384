package dev.wormhole.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.ollama.wire.ApiChatResponse;
import dev.wormhole.testing.WireDialect;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/** Ollama's native API as {@link OllamaProvider} speaks it; the ids it gives answers and calls are sequential. */
public final class OllamaWireDialect implements WireDialect {

    private final ObjectMapper json = WireDialect.json();
    private final Vertx vertx = Vertx.vertx();
    private final OllamaApi api = new OllamaApi(vertx, WireDialect.settings("ollama", Dialect.OLLAMA,
            "http://localhost:11434", ProviderSettings.Quirks.NONE), json);

    @Override
    public JsonNode request(ChatRequest request, boolean stream) {
        return WireDialect.tree(json, OllamaMapper.toWire(request, stream, json));
    }

    @Override
    public Multi<ChatDelta> stream(Multi<Buffer> body, ChatRequest request) {
        return OllamaProvider.deltas(api.lines(body),
                new OllamaStream(request.model(), CREATED, WireDialect.sequentialIds(), json));
    }

    @Override
    public ChatResult result(byte[] body, ChatRequest request) {
        return OllamaMapper.fromWire(WireDialect.read(json, body, ApiChatResponse.class), request.model(),
                WireDialect.sequentialIds(), json);
    }

    @Override
    public void close() {
        api.close();
        vertx.close();
    }
}
