package dev.wormhole.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.provider.ParameterSupport;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.openai.wire.ChatCompletion;
import dev.wormhole.provider.openai.wire.ResponseObject;
import dev.wormhole.testing.WireDialect;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/** OpenAI's Chat Completions, or with {@code responsesApi} its Responses API, as {@link OpenAiProvider} speaks them. */
public final class OpenAiWireDialect implements WireDialect {

    private final ObjectMapper json = WireDialect.json();
    private final boolean responsesApi;
    private final ProviderSettings settings;
    private final Vertx vertx = Vertx.vertx();
    private final OpenAiApi api;

    public OpenAiWireDialect(boolean responsesApi) {
        this.responsesApi = responsesApi;
        ProviderSettings.Quirks none = ProviderSettings.Quirks.NONE;
        this.settings = WireDialect.settings("openai", Dialect.OPENAI, "https://api.openai.com/v1",
                new ProviderSettings.Quirks(none.maxTokensParam(), none.unsupportedParams(), none.discovery(),
                        none.defaultMaxTokens(), responsesApi, false));
        this.api = new OpenAiApi(vertx, settings, json);
    }

    @Override
    public JsonNode request(ChatRequest request, boolean stream) {
        ParameterSupport.check(request, settings.quirks().unsupportedParams(), settings.id());
        return WireDialect.tree(json, responsesApi ? ResponsesMapper.toWire(request, stream)
                : OpenAiMapper.toWire(request, stream, settings.quirks()));
    }

    @Override
    public Multi<ChatDelta> stream(Multi<Buffer> body, ChatRequest request) {
        if (responsesApi) {
            return OpenAiProvider.deltas(api.responseEvents(body), new ResponsesStream(request.model(), CREATED));
        }
        return api.chatChunks(body).map(c -> OpenAiMapper.fromWire(c, request.model()));
    }

    @Override
    public ChatResult result(byte[] body, ChatRequest request) {
        return responsesApi ? ResponsesMapper.fromWire(WireDialect.read(json, body, ResponseObject.class), request.model())
                : OpenAiMapper.fromWire(WireDialect.read(json, body, ChatCompletion.class), request.model());
    }

    @Override
    public void close() {
        api.close();
        vertx.close();
    }
}
