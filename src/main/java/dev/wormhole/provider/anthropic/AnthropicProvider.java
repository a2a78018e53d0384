package dev.wormhole.provider.anthropic;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.provider.Capabilities;
import dev.wormhole.provider.DialectProvider;
import dev.wormhole.provider.DeltaStreams;
import dev.wormhole.provider.NativeApi;
import dev.wormhole.provider.NativeEvent;
import dev.wormhole.provider.NativeProvider;
import dev.wormhole.provider.NativeReply;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A provider speaking Anthropic's Messages API: chat (streamed or not, with tools, images and structured
 * output) and model discovery; requests in Anthropic's own Messages and token-counting APIs are relayed
 * untranslated. No embeddings: Anthropic offers none.
 */
public final class AnthropicProvider extends DialectProvider implements NativeProvider {

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true, false);

    private final AnthropicApi api;
    private final AnthropicRelay relay;

    AnthropicProvider(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        super(settings, CAPABILITIES);
        this.api = new AnthropicApi(vertx, settings, json);
        this.relay = new AnthropicRelay(api);
    }

    @Override
    public Uni<ChatResult> chat(ChatRequest request) {
        return checked(request, () -> api.messages(AnthropicMapper.toWire(request, false, quirks.defaultMaxTokens(),
                api.json()))).map(response -> AnthropicMapper.fromWire(response, request.model(),
                AnthropicMapper.answersThroughTool(request), now(), api.json()));
    }

    @Override
    public Multi<ChatDelta> streamChat(ChatRequest request) {
        return checkedStream(request, () -> {
            AnthropicStream stream = new AnthropicStream(request.model(), AnthropicMapper.answersThroughTool(request),
                    now());
            return DeltaStreams.expand(api.streamMessages(AnthropicMapper.toWire(request, true,
                    quirks.defaultMaxTokens(), api.json())), stream::onEvent);
        });
    }

    @Override
    public boolean speaks(NativeApi kind) {
        return kind == NativeApi.MESSAGES || kind == NativeApi.COUNT_TOKENS;
    }

    @Override
    public Uni<NativeReply> call(NativeApi kind, ObjectNode body, Map<String, String> headers) {
        return relay.call(kind, body, headers);
    }

    @Override
    public Multi<NativeEvent> stream(NativeApi kind, ObjectNode body, Map<String, String> headers) {
        return relay.stream(body, headers);
    }

    @Override
    public Uni<List<ModelInfo>> listModels() {
        return api.listModels().map(list -> AnthropicMapper.fromWire(list, id()));
    }

    @Override
    public void close() {
        api.close();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
