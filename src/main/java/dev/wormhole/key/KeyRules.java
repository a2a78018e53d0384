package dev.wormhole.key;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.wormhole.core.KeyLimits;
import dev.wormhole.core.ModelGlobs;

/**
 * What makes a {@link KeySpec} valid, reported per field under the names of the admin API's JSON ({@code name},
 * {@code models[2]}, {@code limits.rpm}, {@code budget.period}…) so that a 400 tells the caller what to fix.
 */
public final class KeyRules {

    /** Longest name and team tag. */
    public static final int MAX_LABEL = 64;
    /** Most model globs per key. */
    public static final int MAX_MODELS = 100;
    /** Most metadata entries per key. */
    public static final int MAX_METADATA = 32;
    /** Longest metadata value. */
    public static final int MAX_METADATA_VALUE = 512;
    /** The largest budget accepted, in US dollars. */
    public static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");

    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N} ._:@/+-]{1," + MAX_LABEL + "}");
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern NO_CONTROLS = Pattern.compile("[^\\p{Cntrl}]*");

    private KeyRules() {
    }

    /** One invalid field and what is wrong with it. */
    public record Problem(String field, String message) {
    }

    /** Every problem of {@code spec}; a new expiry must be after {@code now}. */
    public static List<Problem> problems(KeySpec spec, Instant now) {
        List<Problem> problems = new ArrayList<>();
        label(problems, "name", spec.name(), true);
        label(problems, "team", spec.team(), false);
        models(problems, spec.models());
        limits(problems, spec.limits());
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(now)) {
            problems.add(new Problem("expires_at", "expires_at must be in the future; revoke a key to stop it now."));
        }
        metadata(problems, spec.metadata());
        return problems;
    }

    private static void label(List<Problem> problems, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(new Problem(field, field + " is required."));
            }
        } else if (!LABEL.matcher(value).matches()) {
            problems.add(new Problem(field, field + " must be 1 to " + MAX_LABEL
                    + " letters, digits, spaces or . _ : @ / + - characters."));
        }
    }

    private static void models(List<Problem> problems, List<String> models) {
        if (models == null) {
            return;
        }
        if (models.isEmpty() || models.size() > MAX_MODELS) {
            problems.add(new Problem("models", "models must hold 1 to " + MAX_MODELS
                    + " globs; leave it out (or use \"*\") to allow every model."));
            return;
        }
        for (int i = 0; i < models.size(); i++) {
            if (!ModelGlobs.valid(models.get(i))) {
                problems.add(new Problem("models[" + i + "]", "models[" + i + "] is not a valid glob: use 1 to 200 "
                        + "characters of model names (letters, digits, . _ : / @ + = -) with * and ? as wildcards."));
            }
        }
    }

    private static void limits(List<Problem> problems, KeyLimits limits) {
        positive(problems, "limits.rpm", limits.rpm());
        positive(problems, "limits.tpm", limits.tpm());
        positive(problems, "limits.max_concurrent", limits.maxConcurrent() == null ? null : (long) limits.maxConcurrent());
        KeyLimits.Budget budget = limits.budget();
        if (budget == null) {
            return;
        }
        if (budget.usd() == null || budget.usd().signum() <= 0 || budget.usd().compareTo(MAX_BUDGET) > 0) {
            problems.add(new Problem("budget.usd", "budget.usd must be a positive amount of US dollars, at most "
                    + MAX_BUDGET.toPlainString() + "."));
        }
        if (budget.period() == null) {
            problems.add(new Problem("budget.period", "budget.period is required: day, month or total."));
        }
    }

    private static void positive(List<Problem> problems, String field, Long value) {
        if (value != null && value < 1) {
            problems.add(new Problem(field, field + " must be a positive integer; leave it out for no limit."));
        }
    }

    private static void metadata(List<Problem> problems, Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA) {
            problems.add(new Problem("metadata", "metadata may hold at most " + MAX_METADATA + " entries."));
            return;
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (!METADATA_KEY.matcher(entry.getKey()).matches()) {
                problems.add(new Problem("metadata", "metadata keys must be 1 to 64 letters, digits, '.', '_' or '-'."));
            } else if (entry.getValue() == null || entry.getValue().length() > MAX_METADATA_VALUE
                    || !NO_CONTROLS.matcher(entry.getValue()).matches()) {
                problems.add(new Problem("metadata." + entry.getKey(), "metadata." + entry.getKey() + " must be a string "
                        + "of at most " + MAX_METADATA_VALUE + " characters without control characters."));
            }
        }
    }
}
