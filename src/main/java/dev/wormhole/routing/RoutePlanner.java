package dev.wormhole.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.ProviderConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Deadline;
import dev.wormhole.core.ModelRef;
import dev.wormhole.provider.Operation;
import dev.wormhole.provider.ProviderGuards;

/**
 * Turns the model a client named into the ordered targets to try: an alias
 * ({@code wormhole.routes.<alias>.targets}) expands to its targets, ordered by its strategy (listed order,
 * weighted draw, or fewest in flight); any other name is one target. Per-request fallbacks follow. Targets
 * whose breaker for the operation is open move to the end, so they are tried only when nothing else is left.
 */
@ApplicationScoped
public class RoutePlanner {

    private final ModelRouter router;
    private final ProviderGuards guards;
    private final Map<String, WormholeConfig.Route> routes;
    private final WormholeConfig config;
    /** Requests in flight per target; an entry lives only while its count is above zero. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    RoutePlanner(ModelRouter router, ProviderGuards guards, WormholeConfig config) {
        this.router = router;
        this.guards = guards;
        this.routes = config.routes();
        this.config = config;
    }

    /**
     * How long a request for {@code model} may take, retries and fallbacks included: its route's
     * {@code deadline}, else the deadline of the provider of its first target, else {@code wormhole.deadline}.
     */
    public Deadline deadline(String model, List<ModelRef> targets, long startNanos) {
        WormholeConfig.Route route = routes.get(model);
        if (route != null && route.deadline().isPresent()) {
            return Deadline.after(startNanos, route.deadline().get(), "wormhole.routes." + model + ".deadline");
        }
        if (!targets.isEmpty()) {
            ProviderConfig provider = config.providers().get(targets.get(0).provider());
            if (provider != null && provider.deadline().isPresent()) {
                return Deadline.after(startNanos, provider.deadline().get(),
                        "wormhole.providers." + targets.get(0).provider() + ".deadline");
            }
        }
        return Deadline.after(startNanos, config.deadline(), "wormhole.deadline");
    }

    /** The targets for a model name (and the request's own fallbacks), most preferred first. */
    public List<ModelRef> plan(String model, List<String> fallbacks, Operation operation) {
        Set<ModelRef> ordered = new LinkedHashSet<>(expand(model));
        for (String fallback : fallbacks) {
            ordered.addAll(expand(fallback));
        }
        List<ModelRef> targets = new ArrayList<>(ordered);
        // Stable sort: within the closed and within the open, the preference order stays.
        targets.sort(Comparator.comparing(t -> guards.isOpen(t.provider(), t.model(), operation)));
        return targets;
    }

    private List<ModelRef> expand(String model) {
        WormholeConfig.Route route = routes.get(model);
        if (route == null) {
            return List.of(router.resolve(model));
        }
        List<ModelRef> targets = new ArrayList<>(route.targets().stream().map(router::resolve).toList());
        switch (route.strategy()) {
            case WEIGHTED -> moveFirst(targets, weightedPick(route));
            case LEAST_IN_FLIGHT -> moveFirst(targets, targets.stream()
                    .min(Comparator.comparingInt(t -> inFlight.getOrDefault(t.toString(), 0))).map(targets::indexOf).orElse(0));
            case ORDERED -> {
                // as listed
            }
        }
        return targets;
    }

    private static int weightedPick(WormholeConfig.Route route) {
        List<Integer> weights = route.weights().orElse(List.of());
        int total = 0;
        for (int i = 0; i < route.targets().size(); i++) {
            total += weight(weights, i);
        }
        int draw = ThreadLocalRandom.current().nextInt(Math.max(1, total));
        for (int i = 0; i < route.targets().size(); i++) {
            draw -= weight(weights, i);
            if (draw < 0) {
                return i;
            }
        }
        return 0;
    }

    private static int weight(List<Integer> weights, int index) {
        return index < weights.size() ? Math.max(0, weights.get(index)) : 1;
    }

    private static void moveFirst(List<ModelRef> targets, int index) {
        targets.add(0, targets.remove(index));
    }

    /** Counts a request in flight on a target, for least-in-flight routing; returns what ends it. */
    public Runnable track(ModelRef target) {
        String key = target.toString();
        inFlight.merge(key, 1, Integer::sum);
        return () -> inFlight.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }
}
