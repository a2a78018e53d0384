package dev.wormhole.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.wormhole.api.dto.ModelList;
import dev.wormhole.api.dto.ModelObject;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.routing.Dispatcher;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the models of every available provider, addressed
 * as {@code provider/model}; the simulator's are marked {@code wormhole.simulated=true}.
 */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final Dispatcher dispatcher;

    ModelsResource(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GET
    public Uni<ModelList> list() {
        return dispatcher.listModels().map(models -> new ModelList("list",
                models.stream().map(ModelsResource::toEdge).toList()));
    }

    @GET
    @Path("/{id: .+}")
    public Uni<ModelObject> get(@PathParam("id") String id) {
        return dispatcher.model(id).map(ModelsResource::toEdge);
    }

    private static ModelObject toEdge(ModelInfo model) {
        return new ModelObject(model.qualifiedId(), "model", model.created(), model.ownedBy(),
                new ModelObject.Metadata(model.provider(), model.id(), model.simulated()));
    }
}
