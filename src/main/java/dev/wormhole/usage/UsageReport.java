package dev.wormhole.usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.state.StateStore;
import io.smallrye.mutiny.Uni;

/**
 * Reads recorded usage: the index's members from the first day asked for (the index sorts by day), the rows
 * the query matches, summed by its dimensions. Rows are read a page of the index at a time.
 */
@ApplicationScoped
public class UsageReport {

    private static final int PAGE = 200;

    private final StateStore store;

    UsageReport(StateStore store) {
        this.store = store;
    }

    /**
     * One group of rows: the values of the query's dimensions (key id, model, day, provider; only those grouped by)
     * and their totals.
     */
    public record Group(Map<UsageQuery.Dimension, String> dimensions, UsageTotals totals) {
    }

    /** The groups the query asks for, in order of their dimensions' values, and the totals over all of them. */
    public record Report(List<Group> groups, UsageTotals totals) {
    }

    public Uni<Report> read(UsageQuery query) {
        // ';' sorts right after ':', so this skips every member of the day before 'from'.
        String start = query.from() == null ? "" : query.from().minusDays(1) + ";";
        return page(query, start, new LinkedHashMap<>()).map(groups -> {
            List<Group> sorted = groups.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue).toList();
            UsageTotals totals = sorted.stream().map(Group::totals).reduce(UsageTotals.ZERO, UsageTotals::plus);
            return new Report(sorted, totals);
        });
    }

    private Uni<Map<String, Group>> page(UsageQuery query, String after, Map<String, Group> groups) {
        return store.indexPage(UsageRows.INDEX, after, PAGE).chain(members -> {
            List<UsageRows.RowId> rows = new ArrayList<>();
            boolean pastEnd = false;
            for (String member : members) {
                Optional<UsageRows.RowId> row = UsageRows.parse(member);
                if (row.isPresent() && query.to() != null && row.get().day().isAfter(query.to())) {
                    pastEnd = true;
                    break;
                }
                row.filter(query::matches).ifPresent(rows::add);
            }
            boolean last = pastEnd || members.size() < PAGE;
            Uni<Map<String, Group>> added = rows.isEmpty() ? Uni.createFrom().item(groups)
                    : Uni.join().all(rows.stream().map(row -> store.fields(row.key()).map(f -> add(query, groups, row,
                            UsageTotals.of(f)))).toList()).andFailFast().replaceWith(groups);
            return last ? added : added.chain(g -> page(query, members.get(members.size() - 1), g));
        });
    }

    private static synchronized Map<String, Group> add(UsageQuery query, Map<String, Group> groups,
            UsageRows.RowId row, UsageTotals totals) {
        Map<UsageQuery.Dimension, String> dims = new LinkedHashMap<>();
        for (UsageQuery.Dimension d : query.groupBy()) {
            dims.put(d, switch (d) {
                case KEY -> row.keyId();
                case MODEL -> row.model();
                case DAY -> row.day().toString();
                case PROVIDER -> row.provider();
            });
        }
        String id = String.join("\u0000", dims.values());
        groups.merge(id, new Group(dims, totals), (a, b) -> new Group(a.dimensions(), a.totals().plus(b.totals())));
        return groups;
    }
}
