package dev.wormhole.tool;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * A tool defined by configuration: the arguments go as JSON to the one configured URL; the JSON reply (or
 * its text) is the result. Redirects are not followed, the reply is capped, and the configured headers
 * (which may carry secrets) are never logged or echoed. A 5xx or 429 is a transient failure.
 */
final class HttpTool implements Tool {

    private final String name;
    private final String description;
    private final Map<String, Object> parameters;
    private final boolean idempotent;
    private final URI url;
    private final HttpMethod method;
    private final Map<String, String> headers;
    private final long maxBytes;
    private final HttpClient client;
    private final ObjectMapper json;

    HttpTool(String name, String description, Map<String, Object> parameters, boolean idempotent, URI url,
            String method, Map<String, String> headers, long maxBytes, HttpClient client, ObjectMapper json) {
        this.name = name;
        this.description = description;
        this.parameters = parameters;
        this.idempotent = idempotent;
        this.url = url;
        this.method = HttpMethod.valueOf(method.toUpperCase());
        this.headers = Map.copyOf(headers);
        this.maxBytes = maxBytes;
        this.client = client;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public boolean idempotent() {
        return idempotent;
    }

    @Override
    public Uni<JsonNode> execute(JsonNode arguments) {
        return Uni.createFrom().emitter(emitter -> {
            RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url.toString())
                    .setFollowRedirects(false).putHeader("Content-Type", "application/json")
                    .putHeader("Accept", "application/json");
            headers.forEach(options::putHeader);
            byte[] body = bytes(arguments);
            client.request(options).compose(request -> {
                emitter.onTermination(() -> request.reset());
                return request.send(Buffer.buffer(body));
            }).onComplete(ar -> {
                if (ar.failed()) {
                    emitter.fail(new ToolException("The call to " + name + " failed: " + ar.cause().getClass()
                            .getSimpleName(), true));
                } else {
                    read(ar.result(), emitter::complete, emitter::fail);
                }
            });
        });
    }

    private void read(HttpClientResponse response, java.util.function.Consumer<JsonNode> done,
            java.util.function.Consumer<Throwable> failed) {
        int status = response.statusCode();
        Buffer all = Buffer.buffer();
        boolean[] tooLarge = { false };
        response.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (all.length() + chunk.length() > maxBytes) {
                tooLarge[0] = true;
                failed.accept(new ToolException(name + " replied with more than " + maxBytes + " bytes."));
                response.request().reset();
            } else {
                all.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(e -> {
            if (!tooLarge[0]) {
                failed.accept(new ToolException("The reply of " + name + " broke off.", true));
            }
        });
        response.endHandler(v -> {
            if (tooLarge[0]) {
                return;
            }
            if (status < 200 || status >= 300) {
                failed.accept(new ToolException(name + " answered HTTP " + status + ".", status >= 500 || status == 429));
                return;
            }
            done.accept(parse(all));
        });
    }

    private JsonNode parse(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            return JsonNodeFactory.instance.objectNode().put("text", body.toString());
        }
    }

    private byte[] bytes(JsonNode arguments) {
        try {
            return json.writeValueAsBytes(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
