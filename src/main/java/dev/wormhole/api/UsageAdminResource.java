package dev.wormhole.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.wormhole.api.dto.UsageReportView;
import dev.wormhole.core.GatewayException;
import dev.wormhole.key.KeyAdmin;
import dev.wormhole.key.VirtualKey;
import dev.wormhole.usage.UsageQuery;
import dev.wormhole.usage.UsageQuery.Dimension;
import dev.wormhole.usage.UsageReport;
import dev.wormhole.usage.UsageTotals;
import io.smallrye.mutiny.Uni;

/**
 * Usage and cost per key, model, provider and UTC day, {@code GET /admin/usage}, behind the admin key
 * ({@link EdgeGuard}). Filters: {@code key} (a key's id or name), {@code model} ({@code provider/model} or a bare
 * name), {@code from} and {@code to} (ISO dates, inclusive); {@code group_by} is a comma-separated list of
 * {@code key}, {@code model}, {@code day}, {@code provider}. Without {@code group_by} there is one row, the totals.
 */
@Path("/admin/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageAdminResource {

    private static final int MAX_PARAM = 512;

    private final UsageReport report;
    private final KeyAdmin keys;

    UsageAdminResource(UsageReport report, KeyAdmin keys) {
        this.report = report;
        this.keys = keys;
    }

    /** The usage the parameters select, grouped as asked. */
    @GET
    public Uni<UsageReportView> usage(@QueryParam("key") String key, @QueryParam("model") String model,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("group_by") String groupBy) {
        return Uni.createFrom().deferred(() -> {
            String keyFilter = text("key", key);
            String modelFilter = text("model", model);
            LocalDate first = date("from", from);
            LocalDate last = date("to", to);
            if (first != null && last != null && first.isAfter(last)) {
                throw GatewayException.invalid("from", "from must not be after to.");
            }
            List<Dimension> dimensions = dimensions(groupBy);
            return names(null, new HashMap<>()).chain(names -> report.read(new UsageQuery(keyIds(keyFilter, names),
                    modelFilter, first, last, dimensions)).map(read -> view(read, names, first, last, dimensions)));
        });
    }

    /** The ids {@code key} names: a key's id, the ids of the keys of that name, or else itself (a deleted key's id). */
    private static Set<String> keyIds(String key, Map<String, String> names) {
        if (key == null) {
            return null;
        }
        if (names.containsKey(key)) {
            return Set.of(key);
        }
        Set<String> ids = new LinkedHashSet<>();
        names.forEach((id, name) -> {
            if (name.equals(key)) {
                ids.add(id);
            }
        });
        return ids.isEmpty() ? Set.of(key) : ids;
    }

    /** Every key's name by id, declared and created. */
    private Uni<Map<String, String>> names(String after, Map<String, String> names) {
        return keys.list(after, KeyAdmin.MAX_PAGE).chain(page -> {
            for (VirtualKey k : page.keys()) {
                names.put(k.id(), k.spec().name());
            }
            return page.hasMore() ? names(page.keys().get(page.keys().size() - 1).id(), names)
                    : Uni.createFrom().item(names);
        });
    }

    private static UsageReportView view(UsageReport.Report read, Map<String, String> names, LocalDate from,
            LocalDate to, List<Dimension> dimensions) {
        List<UsageReportView.Row> rows = new ArrayList<>();
        for (UsageReport.Group group : read.groups()) {
            Map<Dimension, String> d = group.dimensions();
            UsageTotals t = group.totals();
            String key = d.get(Dimension.KEY);
            rows.add(new UsageReportView.Row(key, key == null ? null : names.get(key), d.get(Dimension.PROVIDER),
                    d.get(Dimension.MODEL), d.get(Dimension.DAY), t.requests(), t.errors(), t.promptTokens(),
                    t.completionTokens(), t.cachedTokens(), t.promptTokens() + t.completionTokens(), t.costUsd(),
                    t.unpriced()));
        }
        UsageTotals t = read.totals();
        return new UsageReportView("usage", from == null ? null : from.toString(), to == null ? null : to.toString(),
                dimensions.stream().map(Dimension::wireName).toList(), rows, new UsageReportView.Amounts(t.requests(),
                        t.errors(), t.promptTokens(), t.completionTokens(), t.cachedTokens(),
                        t.promptTokens() + t.completionTokens(), t.costUsd(), t.unpriced()));
    }

    private static List<Dimension> dimensions(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return List.of();
        }
        Set<Dimension> dimensions = new LinkedHashSet<>();
        for (String name : groupBy.split(",", -1)) {
            Dimension d = Dimension.named(name.trim()).orElseThrow(() -> GatewayException.invalid("group_by",
                    "group_by must be a comma-separated list of key, model, day and provider."));
            if (!dimensions.add(d)) {
                throw GatewayException.invalid("group_by", "group_by names " + d.wireName() + " twice.");
            }
        }
        return List.copyOf(dimensions);
    }

    private static LocalDate date(String param, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid(param, param + " must be an ISO date such as 2025-01-31.");
        }
    }

    private static String text(String param, String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_PARAM || value.codePoints().anyMatch(Character::isISOControl)) {
            throw GatewayException.invalid(param, param + " must be 1 to " + MAX_PARAM
                    + " characters without control characters.");
        }
        return value;
    }
}
