package dev.wormhole.usage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;

import dev.wormhole.core.ModelRef;

/**
 * Where usage lives in the state store. One row, a hash of counters, per key, UTC day and {@code provider/model}
 * actually called: {@code usage:<day>:<key id>:<provider/model>}, its name also a member of the index
 * {@code usage:index}, which sorts by day first so that a date range is one range of the index. Key ids and model
 * names are URL-encoded in the row's name: they may hold characters a store key may not.
 */
final class UsageRows {

    static final String INDEX = "usage:index";
    static final String REQUESTS = "requests";
    static final String ERRORS = "errors";
    static final String PROMPT = "prompt_tokens";
    static final String COMPLETION = "completion_tokens";
    static final String CACHED = "cached_tokens";
    static final String COST = "cost_micro_usd";
    static final String UNPRICED = "unpriced";

    /** The parts of a row's name. */
    record RowId(LocalDate day, String keyId, String provider, String model) {

        /** The row's member in the index. */
        String member() {
            return day + ":" + encode(keyId) + ":" + encode(provider + "/" + model);
        }

        /** The row's key in the store. */
        String key() {
            return "usage:" + member();
        }
    }

    private UsageRows() {
    }

    static RowId row(LocalDate day, String keyId, ModelRef target) {
        return new RowId(day, keyId, target.provider(), target.model());
    }

    /** The row an index member names, or empty for a member this version does not read. */
    static Optional<RowId> parse(String member) {
        String[] parts = member.split(":", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String ref = decode(parts[2]);
            int slash = ref.indexOf('/');
            return slash < 0 ? Optional.empty() : Optional.of(new RowId(LocalDate.parse(parts[0]), decode(parts[1]),
                    ref.substring(0, slash), ref.substring(slash + 1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
