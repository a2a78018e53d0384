package dev.wormhole.api.dashboard;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestMulti;

import dev.wormhole.api.JsonWriter;
import dev.wormhole.api.sse.SseFrames;
import dev.wormhole.provider.ProviderRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The dashboard's data, behind the dashboard's authentication ({@code DashboardGuard}): {@code GET
 * /dashboard/snapshot}, one {@link DashboardView} as JSON, and {@code GET /dashboard/events}, a server-sent event
 * with a fresh one every {@code wormhole.dashboard.refresh}, the first at once. The page itself is a static
 * resource, {@code META-INF/resources/dashboard/index.html}.
 */
@Path("/dashboard")
public class DashboardResource {

    private final DashboardSnapshots snapshots;
    private final JsonWriter json;
    private final ProviderRegistry registry;

    DashboardResource(DashboardSnapshots snapshots, JsonWriter json, ProviderRegistry registry) {
        this.snapshots = snapshots;
        this.json = json;
        this.registry = registry;
    }

    /** One snapshot. */
    @GET
    @Path("/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The dashboard's figures now: providers, catalog, traffic, usage, batches, errors")
    public Uni<DashboardView> snapshot() {
        return snapshots.take();
    }

    /**
     * A snapshot per refresh interval until the client goes away, or the gateway starts shutting down: an endless
     * stream would otherwise hold a graceful shutdown for its whole grace period (the browser reconnects to another
     * replica). A tick that finds the previous snapshot still being taken is dropped, so a slow state store never
     * queues snapshots up.
     */
    @GET
    @Path("/events")
    @Operation(summary = "The dashboard's figures as server-sent events, one snapshot per refresh interval")
    public RestMulti<byte[]> events() {
        // Mutiny wants a positive initial delay; a millisecond sends the first snapshot at once.
        Multi<byte[]> frames = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1))
                .every(Duration.ofMillis(snapshots.refreshMillis()))
                .select().first(tick -> !registry.isDraining())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> snapshots.take())
                .map(view -> SseFrames.data(json.bytes(view)));
        return RestMulti.fromMultiData(frames).header("Content-Type", SseFrames.CONTENT_TYPE)
                .header("Cache-Control", "no-cache").status(200).build();
    }
}
