package dev.wormhole.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link UsageReport} reads: the rows of the keys {@code keyIds} (every key when null), of {@code model} (a
 * {@code provider/model} or a bare model name; every model when null), of the UTC days {@code from} to {@code to}
 * inclusive (open-ended when null), summed by the {@code groupBy} dimensions.
 */
public record UsageQuery(Set<String> keyIds, String model, LocalDate from, LocalDate to, List<Dimension> groupBy) {

    public UsageQuery {
        keyIds = keyIds == null ? null : Set.copyOf(keyIds);
        groupBy = List.copyOf(groupBy);
    }

    /** What rows may be grouped by. */
    public enum Dimension {
        KEY, MODEL, DAY, PROVIDER;

        /** The dimension named {@code name} in a query string, if it is one. */
        public static Optional<Dimension> named(String name) {
            for (Dimension d : values()) {
                if (d.wireName().equals(name)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }

        /** The name in a query string and in the answer. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    boolean matches(UsageRows.RowId row) {
        return (keyIds == null || keyIds.contains(row.keyId()))
                && (model == null || model.equals(row.model()) || model.equals(row.provider() + "/" + row.model()))
                && (from == null || !row.day().isBefore(from)) && (to == null || !row.day().isAfter(to));
    }
}
