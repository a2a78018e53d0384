package dev.wormhole.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.ToolList;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.tool.ToolInvoker;
import dev.wormhole.tool.ToolOutcome;
import dev.wormhole.tool.ToolRegistry;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /v1/tools}: the server-side tools and their argument schemas; {@code POST /v1/tools/{name}/invoke}:
 * runs one tool with the body as its arguments, through the same guards as the agent loop.
 */
@Path("/v1/tools")
@Produces(MediaType.APPLICATION_JSON)
public class ToolsResource {

    private final ToolRegistry registry;
    private final ToolInvoker invoker;

    ToolsResource(ToolRegistry registry, ToolInvoker invoker) {
        this.registry = registry;
        this.invoker = invoker;
    }

    @GET
    public ToolList list() {
        List<ToolList.Entry> tools = registry.all().stream()
                .map(t -> new ToolList.Entry(t.name(), t.description(), t.parameters(), t.idempotent())).toList();
        return new ToolList("list", tools);
    }

    @POST
    @Path("/{name}/invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ToolList.Invocation> invoke(@PathParam("name") String name, JsonNode arguments) {
        return invoker.invoke(name, arguments).map(ToolsResource::answer);
    }

    private static ToolList.Invocation answer(ToolOutcome outcome) {
        if (outcome.succeeded()) {
            return new ToolList.Invocation(outcome.tool(), outcome.result(), outcome.durationMillis());
        }
        ErrorKind kind = switch (outcome.errorType()) {
            case "unknown_tool" -> ErrorKind.NOT_FOUND;
            case "invalid_arguments" -> ErrorKind.INVALID_REQUEST;
            case "timeout" -> ErrorKind.UPSTREAM_TIMEOUT;
            case "circuit_open", "bulkhead_full" -> ErrorKind.UNAVAILABLE;
            default -> ErrorKind.UPSTREAM_ERROR;
        };
        throw GatewayException.of(kind, outcome.errorType(), outcome.errorMessage());
    }
}
