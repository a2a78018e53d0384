package dev.wormhole.api;

import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.wormhole.discovery.ModelCatalog;
import dev.wormhole.discovery.RefreshOutcome;
import io.smallrye.mutiny.Uni;

/** Operator endpoints under {@code /admin}, behind the same gateway key as {@code /v1}. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final ModelCatalog catalog;

    AdminResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** Refreshes the model catalog now and reports each provider's outcome. */
    @POST
    @Path("/models/refresh")
    public Uni<List<RefreshOutcome>> refreshModels() {
        return catalog.refresh();
    }
}
