package dev.wormhole.key;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.wormhole.config.KeyConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.BudgetPeriod;
import dev.wormhole.core.KeyLimits;
import io.quarkus.runtime.StartupEvent;

/**
 * The virtual keys declared in configuration ({@code wormhole.keys.<name>}), read once at start. Each gets the id
 * {@code cfg_<name>}; a wrong entry stops the start with one message listing every problem.
 */
@ApplicationScoped
public class ConfigKeys {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final Map<String, VirtualKey> byId = new HashMap<>();
    private final Map<String, VirtualKey> byHash = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    ConfigKeys(WormholeConfig config) {
        Instant now = Instant.now();
        config.keys().forEach((name, key) -> load(name, key, now));
    }

    void validate(@Observes StartupEvent event) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Wormhole cannot start; fix the keys declared in configuration:"
                    + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining()));
        }
    }

    /** Whether any key is declared. */
    public boolean any() {
        return !byId.isEmpty();
    }

    /** The declared key with this id. */
    public Optional<VirtualKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The declared key whose secret has this hash. */
    public Optional<VirtualKey> byHash(String secretHash) {
        return Optional.ofNullable(byHash.get(secretHash));
    }

    /** At most {@code limit} declared keys whose id sorts after {@code afterId} (from the first when null), by id. */
    public List<VirtualKey> list(String afterId, int limit) {
        return byId.values().stream().filter(k -> afterId == null || k.id().compareTo(afterId) > 0)
                .sorted(Comparator.comparing(VirtualKey::id)).limit(limit).toList();
    }

    private void load(String name, KeyConfig key, Instant now) {
        String at = "wormhole.keys." + name;
        if (!NAME.matcher(name).matches()) {
            problems.add(at + ": a key name may hold only 1 to 64 letters, digits, '.', '_' and '-'");
            return;
        }
        List<String> found = new ArrayList<>();
        String hash = secretHash(key, found);
        BudgetPeriod period = key.budgetPeriod().map(p -> BudgetPeriod.named(p).orElseGet(() -> {
            found.add("budget-period must be day, month or total");
            return null;
        })).orElse(null);
        if (key.budgetUsd().isPresent() != key.budgetPeriod().isPresent()) {
            found.add("budget-usd and budget-period go together");
        }
        KeyLimits.Budget budget = key.budgetUsd().map(usd -> new KeyLimits.Budget(usd, period)).orElse(null);
        KeySpec spec = new KeySpec(name, key.team().orElse(null), key.models().orElse(null),
                new KeyLimits(key.rpm().orElse(null), key.tpm().orElse(null), key.maxConcurrent().orElse(null), budget),
                expiry(key, found), key.metadata());
        // A declared key may lapse while the gateway runs: checking its expiry against the epoch keeps it valid here.
        KeyRules.problems(spec, Instant.EPOCH).forEach(p -> found.add(p.message()));
        if (hash != null && byHash.containsKey(hash)) {
            found.add("has the same secret as wormhole.keys." + byHash.get(hash).spec().name());
        }
        if (!found.isEmpty()) {
            found.forEach(problem -> problems.add(at + ": " + problem));
            return;
        }
        VirtualKey virtual = new VirtualKey("cfg_" + name, spec, hash, key.secret().map(KeySecrets::hint).orElse("…"),
                KeySource.CONFIG, now, now, null);
        byId.put(virtual.id(), virtual);
        byHash.put(hash, virtual);
    }

    private static String secretHash(KeyConfig key, List<String> found) {
        if (key.secret().isPresent() == key.secretHash().isPresent()) {
            found.add("set exactly one of secret-hash (SHA-256 hex, preferred) and secret");
            return null;
        }
        if (key.secret().isPresent()) {
            if (key.secret().get().length() < 16) {
                found.add("secret must hold at least 16 characters");
                return null;
            }
            return KeySecrets.hash(key.secret().get());
        }
        if (!SHA256_HEX.matcher(key.secretHash().get()).matches()) {
            found.add("secret-hash must be the SHA-256 of the secret as 64 hex digits");
            return null;
        }
        return key.secretHash().get().toLowerCase(Locale.ROOT);
    }

    private static Instant expiry(KeyConfig key, List<String> found) {
        try {
            return key.expiresAt().map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            found.add("expires-at must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            return null;
        }
    }
}
