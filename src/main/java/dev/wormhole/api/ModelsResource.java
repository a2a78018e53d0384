package dev.wormhole.api;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.wormhole.api.dto.ModelList;
import dev.wormhole.api.dto.ModelObject;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelIds;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ModelRef;
import dev.wormhole.discovery.CatalogEntry;
import dev.wormhole.discovery.CatalogQuery;
import dev.wormhole.discovery.ModelCatalog;
import dev.wormhole.routing.ModelRouter;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} from the model catalog, addressed as
 * {@code provider/model}, with selection by capability, provider, context and price.
 */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ModelCatalog catalog;
    private final ModelRouter router;
    private final List<String> preferred;

    ModelsResource(ModelCatalog catalog, ModelRouter router, WormholeConfig config) {
        this.catalog = catalog;
        this.router = router;
        this.preferred = config.models().preferredProviders().orElse(List.of());
    }

    @GET
    public ModelList list(@QueryParam("capability") List<String> capabilities, @QueryParam("provider") String provider,
            @QueryParam("min_context") Integer minContext, @QueryParam("max_input_price") Double maxInputPrice,
            @QueryParam("sort") String sort, @QueryParam("limit") Integer limit) {
        CatalogQuery query = CatalogQuery.of(capabilities == null ? List.of() : capabilities, provider, minContext,
                maxInputPrice, sort, limit);
        return new ModelList("list", query.apply(catalog.entries(), preferred).stream().map(this::toEdge).toList());
    }

    @GET
    @Path("/{id: .+}")
    public ModelObject get(@PathParam("id") String id) {
        ModelIds.require(id, "model");
        ModelRef ref = router.resolve(id);
        return catalog.find(ref.provider(), ref.model()).map(this::toEdge).orElseThrow(() ->
                GatewayException.modelNotFound(id, "the catalog of provider '" + ref.provider() + "' does not list it"));
    }

    private ModelObject toEdge(CatalogEntry entry) {
        ModelInfo m = entry.model();
        boolean stale = catalog.providerModels(m.provider()).stale();
        List<String> capabilities = m.capabilities() == null ? null
                : m.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList();
        return new ModelObject(m.qualifiedId(), "model", m.created(), m.ownedBy(), new ModelObject.Metadata(m.provider(),
                m.id(), m.simulated(), m.displayName(), capabilities, m.contextWindow(), m.maxOutputTokens(),
                m.inputPrice(), m.outputPrice(), m.deprecated(), entry.source(), entry.fetchedAt(), stale));
    }
}
