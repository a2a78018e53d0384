package dev.wormhole.api.dashboard;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.key.KeyAdmin;
import dev.wormhole.key.VirtualKey;
import dev.wormhole.usage.UsageQuery;
import dev.wormhole.usage.UsageQuery.Dimension;
import dev.wormhole.usage.UsageReport;
import dev.wormhole.usage.UsageTotals;
import io.smallrye.mutiny.Uni;

/**
 * Today's usage and spend per key and model, read as {@code GET /admin/usage?group_by=key,model&from=<today>} reads
 * it: from the usage ledger in the state store, shared by every replica. Only the current UTC day is read, so the
 * work per refresh stays bounded by one day's rows.
 */
@ApplicationScoped
public class UsagePanel {

    static final int MAX_ROWS = 50;

    private final UsageReport report;
    private final KeyAdmin keys;

    UsagePanel(UsageReport report, KeyAdmin keys) {
        this.report = report;
        this.keys = keys;
    }

    /** Today's rows, the most expensive (then the busiest) first, at most {@link #MAX_ROWS}. */
    public Uni<DashboardView.UsagePart> today() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        UsageQuery query = new UsageQuery(null, null, day, day, List.of(Dimension.KEY, Dimension.PROVIDER,
                Dimension.MODEL));
        return keys.list(null, KeyAdmin.MAX_PAGE).chain(page -> {
            Map<String, String> names = new HashMap<>();
            for (VirtualKey key : page.keys()) {
                names.put(key.id(), key.spec().name());
            }
            return report.read(query).map(read -> {
                List<DashboardView.UsageRow> rows = read.groups().stream()
                        .sorted(Comparator.comparing((UsageReport.Group g) -> g.totals().costUsd()).reversed()
                                .thenComparing(g -> -g.totals().requests()))
                        .limit(MAX_ROWS)
                        .map(g -> row(g, names))
                        .toList();
                return new DashboardView.UsagePart(day.toString(), rows, read.groups().size() > MAX_ROWS);
            });
        });
    }

    private static DashboardView.UsageRow row(UsageReport.Group group, Map<String, String> names) {
        String key = group.dimensions().get(Dimension.KEY);
        UsageTotals t = group.totals();
        return new DashboardView.UsageRow(key, names.get(key), group.dimensions().get(Dimension.PROVIDER),
                group.dimensions().get(Dimension.MODEL), t.requests(), t.errors(), t.promptTokens(),
                t.completionTokens(), t.costUsd());
    }
}
