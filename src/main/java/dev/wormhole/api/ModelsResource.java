package dev.wormhole.api;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.wormhole.api.dto.ModelList;
import dev.wormhole.api.dto.ModelObject;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Caller;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelIds;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ModelRef;
import dev.wormhole.discovery.CatalogEntry;
import dev.wormhole.discovery.CatalogQuery;
import dev.wormhole.discovery.ModelCatalog;
import dev.wormhole.routing.ModelRouter;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} from the model catalog, addressed as
 * {@code provider/model}, with selection by capability, provider, context and price; in OpenAI's shape, or in
 * Anthropic's for callers that send {@code anthropic-version} (Claude Code, the Anthropic SDKs). A virtual key
 * limited to some models sees only those: a model is listed when the key may name it as {@code provider/model}, or
 * by its bare id when that id routes to it.
 */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private static final String ANTHROPIC_VERSION = "anthropic-version";

    private final ModelCatalog catalog;
    private final ModelRouter router;
    private final List<String> preferred;

    ModelsResource(ModelCatalog catalog, ModelRouter router, WormholeConfig config) {
        this.catalog = catalog;
        this.router = router;
        this.preferred = config.models().preferredProviders().orElse(List.of());
    }

    /**
     * The catalog, filtered and sorted; in Anthropic's shape, paged by {@code limit}, {@code after_id} and
     * {@code before_id}, when the caller sends {@code anthropic-version}.
     */
    @GET
    public Object list(@QueryParam("capability") List<String> capabilities, @QueryParam("provider") String provider,
            @QueryParam("min_context") Integer minContext, @QueryParam("max_input_price") Double maxInputPrice,
            @QueryParam("sort") String sort, @QueryParam("limit") Integer limit, @QueryParam("after_id") String afterId,
            @QueryParam("before_id") String beforeId, @HeaderParam(ANTHROPIC_VERSION) String anthropicVersion,
            RoutingContext rc) {
        boolean anthropic = anthropicVersion != null;
        CatalogQuery query = CatalogQuery.of(capabilities == null ? List.of() : capabilities, provider, minContext,
                maxInputPrice, sort, anthropic ? null : limit);
        Caller caller = RequestTracing.caller(rc);
        List<CatalogEntry> visible = caller.virtual()
                ? catalog.entries().stream().filter(e -> allowed(caller, e.model())).toList() : catalog.entries();
        List<CatalogEntry> entries = query.apply(visible, preferred);
        if (anthropic) {
            return AnthropicModelPages.page(entries.stream().map(CatalogEntry::model).toList(), limit, afterId, beforeId);
        }
        return new ModelList("list", entries.stream().map(this::toEdge).toList());
    }

    /** One model of the catalog; in Anthropic's shape when the caller sends {@code anthropic-version}. */
    @GET
    @Path("/{id: .+}")
    public Object get(@PathParam("id") String id, @HeaderParam(ANTHROPIC_VERSION) String anthropicVersion,
            RoutingContext rc) {
        ModelIds.require(id, "model");
        RequestTracing.caller(rc).requireModel(id, "model");
        ModelRef ref = router.resolve(id);
        CatalogEntry entry = catalog.find(ref.provider(), ref.model()).orElseThrow(() ->
                GatewayException.modelNotFound(id, "the catalog of provider '" + ref.provider() + "' does not list it"));
        return anthropicVersion != null ? AnthropicModelPages.model(entry.model()) : toEdge(entry);
    }

    /** Whether {@code caller} may name {@code model}: as {@code provider/model}, or by a bare id that routes to it. */
    private boolean allowed(Caller caller, ModelInfo model) {
        if (caller.models().allows(model.qualifiedId())) {
            return true;
        }
        if (!caller.models().allows(model.id())) {
            return false;
        }
        try {
            return router.resolve(model.id()).equals(new ModelRef(model.provider(), model.id()));
        } catch (GatewayException e) {
            return false;
        }
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
