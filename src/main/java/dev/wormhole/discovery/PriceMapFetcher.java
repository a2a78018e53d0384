package dev.wormhole.discovery;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.WormholeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Fetches the community price map ({@code wormhole.models.price-map.*}) at each catalog refresh, without blocking
 * the event loop: the download on the Vert.x client under the configured timeout and size cap, the parsing on a
 * worker thread. A good map replaces the fetched layer of {@link KnownModels}; a failed download, a body over the
 * cap or a document without a single usable entry keeps the last good one, with a warning.
 */
@ApplicationScoped
public class PriceMapFetcher {

    private final WormholeConfig.PriceMapSource config;
    private final KnownModels known;
    private final ObjectMapper json;
    private final HttpClient client;
    private final Counter failures;

    PriceMapFetcher(WormholeConfig config, KnownModels known, ObjectMapper json, Vertx vertx, MeterRegistry meters) {
        this.config = config.models().priceMap();
        this.known = known;
        this.json = json;
        this.client = vertx.createHttpClient(new HttpClientOptions().setName("wormhole-price-map")
                .setDecompressionSupported(true).setConnectTimeout((int) this.config.timeout().toMillis()));
        this.failures = Counter.builder("wormhole.catalog.price_map.failures")
                .description("Fetches of the community price map that failed or were unreadable").register(meters);
    }

    /** Fetches the map and applies it when good. Never fails; does nothing when fetching is off. */
    public Uni<Void> refresh() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        URI url = config.url();
        long start = System.nanoTime();
        // Parsing a map of megabytes runs on a worker; what follows goes back to the caller's event loop, if any.
        Context caller = Vertx.currentContext();
        Executor back = caller == null ? Runnable::run : task -> caller.runOnContext(v -> task.run());
        return download(url, config.maxSize().asLongValue())
                .ifNoItem().after(config.timeout()).failWith(() -> new IOException("no complete answer within "
                        + config.timeout()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(this::parse)
                .invoke(map -> {
                    known.apply(map);
                    Log.infof("Read the price map from %s: %d models (%s) in %d ms", url, map.size(), map.sizes(),
                            Duration.ofNanos(System.nanoTime() - start).toMillis());
                })
                .replaceWithVoid()
                .emitOn(back)
                .onFailure().recoverWithItem(failure -> {
                    failures.increment();
                    Log.warnf("Could not read the price map from %s (keeping the last good one, %d models): %s", url,
                            known.fetchedModels(), failure.getMessage());
                    return null;
                });
    }

    private PriceMap parse(Buffer body) {
        try {
            PriceMap map = new PriceMapReader(LocalDate.now(ZoneOffset.UTC)).read(json.readTree(body.getBytes()));
            if (map.size() == 0) {
                throw new IllegalArgumentException("the document has no usable model entry");
            }
            return map;
        } catch (IOException e) {
            throw new IllegalArgumentException("the document is not JSON: " + e.getMessage(), e);
        }
    }

    /** The body of a 2xx answer to a GET of {@code url}, at most {@code limit} bytes; cancelling resets the request. */
    private Uni<Buffer> download(URI url, long limit) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            emitter.onTermination(() -> {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset();
                }
            });
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
                    .setFollowRedirects(true).putHeader("Accept", "application/json");
            client.request(options).compose(request -> {
                sent.set(request);
                return request.send();
            }).onSuccess(response -> {
                if (response.statusCode() / 100 != 2) {
                    response.end(); // drains the body so the connection can be reused
                    emitter.fail(new IOException("HTTP " + response.statusCode()));
                    return;
                }
                Buffer body = Buffer.buffer();
                response.handler(chunk -> {
                    if (body.length() + chunk.length() > limit) {
                        emitter.fail(new IOException("the document exceeds " + limit + " bytes"));
                    } else {
                        body.appendBuffer(chunk);
                    }
                });
                response.exceptionHandler(emitter::fail);
                response.endHandler(v -> {
                    sent.set(null);
                    emitter.complete(body);
                });
            }).onFailure(emitter::fail);
        });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
