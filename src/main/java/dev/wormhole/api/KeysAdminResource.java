package dev.wormhole.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.api.dto.KeyList;
import dev.wormhole.api.dto.KeyView;
import dev.wormhole.core.GatewayException;
import dev.wormhole.key.KeyAdmin;
import io.smallrye.mutiny.Uni;

/**
 * The virtual-key admin API, {@code /admin/keys}, behind the admin key ({@link EdgeGuard}): create, list, get,
 * update, revoke, rotate and delete. A key's secret is in the answer to its create and to each rotate, and nowhere
 * else. Keys declared in configuration are listed ({@code source: config}) but not changed here (403).
 */
@Path("/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysAdminResource {

    private final KeyAdmin admin;
    private final KeyRequests requests;

    KeysAdminResource(KeyAdmin admin, KeyRequests requests) {
        this.admin = admin;
        this.requests = requests;
    }

    /** Creates a key; the answer (201) holds its secret, shown this once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<KeyView>> create(ObjectNode body) {
        return Uni.createFrom().deferred(() -> admin.create(requests.toCreate(body)))
                .map(issued -> RestResponse.status(RestResponse.Status.CREATED, KeyRequests.view(issued.key(),
                        issued.secret())));
    }

    /** Keys by id, {@code limit} (1–100, default 20) at a time, after the id {@code after} when given. */
    @GET
    public Uni<KeyList> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return Uni.createFrom().deferred(() -> admin.list(after, pageSize(limit))).map(KeyRequests::list);
    }

    /** One key. */
    @GET
    @Path("/{id}")
    public Uni<KeyView> get(@PathParam("id") String id) {
        return admin.get(id).map(key -> KeyRequests.view(key, null));
    }

    /** Changes the fields the body names; a field set to null is cleared. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<KeyView> update(@PathParam("id") String id, ObjectNode body) {
        return Uni.createFrom().deferred(() -> admin.update(id, requests.toPatch(body)))
                .map(key -> KeyRequests.view(key, null));
    }

    /** Revokes a key: refused from now on (on other replicas within the key cache TTL). */
    @POST
    @Path("/{id}/revoke")
    public Uni<KeyView> revoke(@PathParam("id") String id) {
        return admin.revoke(id).map(key -> KeyRequests.view(key, null));
    }

    /** Gives a key a new secret, shown this once; the old secret stops working at once. */
    @POST
    @Path("/{id}/rotate")
    public Uni<KeyView> rotate(@PathParam("id") String id) {
        return admin.rotate(id).map(issued -> KeyRequests.view(issued.key(), issued.secret()));
    }

    /** Deletes a key and its record (revoke keeps the record). */
    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return admin.delete(id).map(done -> RestResponse.noContent());
    }

    private static int pageSize(String limit) {
        if (limit == null) {
            return 20;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw GatewayException.invalid("limit", "limit must be an integer from 1 to " + KeyAdmin.MAX_PAGE + ".");
        }
    }
}
