package dev.wormhole.state;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;

/**
 * The store for several replicas: everything lives in one Redis, reached through the Vert.x Redis client that
 * Quarkus ships. Single-step operations are single commands; the others are Lua scripts ({@link RedisScripts}), so
 * every replica sees the same atomic operations. Each logical key {@code k} is the Redis key {@code <prefix>{k}}
 * (a rate window adds {@code <prefix>{k}:sum}); the braces keep a key's parts in one Redis Cluster slot.
 */
public final class RedisStateStore implements StateStore {

    /** Commands in flight on one connection at most; beyond, a command fails at once (the store's failure policy). */
    static final int PIPELINE = 16_384;

    private final RedisLink redis;
    private final String prefix;
    private final String description;

    private RedisStateStore(RedisLink redis, String prefix, String description) {
        this.redis = redis;
        this.prefix = prefix;
        this.description = description;
    }

    /**
     * A store on the Redis at {@code url} over {@code connections} pipelined connections ({@link RedisLink}); no
     * connection is made before the first command.
     */
    public static RedisStateStore create(Vertx vertx, URI url, String prefix, int connections, Duration timeout) {
        // Twice the pool the link holds: a connection it drops goes back to the pool while its replacement opens.
        // Up to PIPELINE commands wait for their replies on each connection (Vert.x's default is 2,048).
        RedisOptions options = new RedisOptions().setConnectionString(url.toString()).setMaxPoolSize(connections * 2)
                .setMaxPoolWaiting(connections * 2).setMaxWaitingHandlers(PIPELINE);
        return new RedisStateStore(new RedisLink(Redis.createClient(vertx, options), connections, timeout), prefix,
                "redis (" + redacted(url) + ")");
    }

    /** The URL with any password replaced, for logs. */
    static String redacted(URI url) {
        String userInfo = url.getRawUserInfo();
        if (userInfo == null) {
            return url.toString();
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        return url.getScheme() + "://" + user + ":***@" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public Uni<Optional<byte[]>> get(String key) {
        return send(() -> Request.cmd(Command.GET).arg(k(key)))
                .map(r -> r == null ? Optional.<byte[]>empty() : Optional.of(r.toBytes()));
    }

    @Override
    public Uni<Void> put(String key, byte[] value, Duration ttl) {
        return send(() -> withTtl(Request.cmd(Command.SET).arg(k(key)).arg(value), StateKeys.ttlMillis(ttl)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> putIfAbsent(String key, byte[] value, Duration ttl) {
        return send(() -> withTtl(Request.cmd(Command.SET).arg(k(key)).arg(value).arg("NX"), StateKeys.ttlMillis(ttl)))
                .map(r -> r != null);
    }

    @Override
    public Uni<Boolean> delete(String key) {
        return send(() -> Request.cmd(Command.DEL).arg(k(key)).arg(k(key) + ":sum")).map(r -> r.toLong() > 0);
    }

    @Override
    public Uni<Long> increment(String key, long delta, Duration ttl) {
        return script(RedisScripts.INCREMENT, () -> List.of(k(key)),
                () -> List.of(Long.toString(delta), Long.toString(StateKeys.ttlMillis(ttl)))).map(Response::toLong);
    }

    @Override
    public Uni<Long> counter(String key) {
        return send(() -> Request.cmd(Command.GET).arg(k(key))).map(r -> {
            try {
                return r == null ? 0L : r.toLong();
            } catch (NumberFormatException e) {
                throw new StateStoreException("the key holds a value, not a counter");
            }
        });
    }

    @Override
    public Uni<Map<String, Long>> incrementFields(String key, Map<String, Long> deltas, Duration ttl) {
        List<String> fields = List.copyOf(deltas.keySet());
        return script(RedisScripts.INCREMENT_FIELDS, () -> List.of(k(key)), () -> {
            List<String> args = new ArrayList<>(List.of(Long.toString(StateKeys.ttlMillis(ttl))));
            for (String field : fields) {
                args.add(StateKeys.member(field));
                args.add(Long.toString(deltas.get(field)));
            }
            return args;
        }).map(r -> {
            Map<String, Long> values = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                values.put(fields.get(i), r.get(i).toLong());
            }
            return values;
        });
    }

    @Override
    public Uni<Map<String, Long>> fields(String key) {
        return send(() -> Request.cmd(Command.HGETALL).arg(k(key))).map(r -> {
            Map<String, Long> values = new LinkedHashMap<>();
            if (r != null) {
                for (String field : r.getKeys()) {
                    values.put(field, r.get(field).toLong());
                }
            }
            return Map.copyOf(values);
        });
    }

    @Override
    public Uni<Boolean> indexAdd(String key, String member) {
        return send(() -> Request.cmd(Command.ZADD).arg(k(key)).arg(0).arg(StateKeys.member(member)))
                .map(r -> r.toLong() > 0);
    }

    @Override
    public Uni<Boolean> indexRemove(String key, String member) {
        return send(() -> Request.cmd(Command.ZREM).arg(k(key)).arg(StateKeys.member(member))).map(r -> r.toLong() > 0);
    }

    @Override
    public Uni<List<String>> indexPage(String key, String after, int limit) {
        return send(() -> Request.cmd(Command.ZRANGEBYLEX).arg(k(key))
                .arg(StateKeys.after(after).isEmpty() ? "-" : "(" + after).arg("+")
                .arg("LIMIT").arg(0).arg(StateKeys.pageSize(limit)))
                .map(r -> {
                    List<String> members = new ArrayList<>();
                    r.forEach(m -> members.add(m.toString()));
                    return members;
                });
    }

    @Override
    public Uni<Admission> admit(String key, long limit, Duration window, long cost) {
        return script(RedisScripts.ADMIT, () -> List.of(k(key), k(key) + ":sum"),
                () -> List.of(Long.toString(StateKeys.limit(limit)),
                        Long.toString(StateKeys.positiveMillis(window, "a window")), Long.toString(StateKeys.cost(cost))))
                .map(r -> new Admission(r.get(0).toLong() == 1, r.get(1).toLong(), Duration.ofMillis(r.get(2).toLong()),
                        Duration.ofMillis(r.get(3).toLong()), r.get(4).toLong()));
    }

    @Override
    public Uni<Void> adjust(String key, Duration window, Admission admission, long delta) {
        return script(RedisScripts.ADJUST, () -> List.of(k(key), k(key) + ":sum"),
                () -> List.of(Long.toString(StateKeys.positiveMillis(window, "a window")), Long.toString(admission.at()),
                        Long.toString(delta)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> acquire(String key, int limit, String leaseId, Duration leaseTtl) {
        return script(RedisScripts.ACQUIRE, () -> List.of(k(key)),
                () -> List.of(Long.toString(StateKeys.limit(limit)), StateKeys.member(leaseId),
                        Long.toString(StateKeys.positiveMillis(leaseTtl, "a lease TTL"))))
                .map(r -> r.toLong() == 1);
    }

    @Override
    public Uni<Boolean> release(String key, String leaseId) {
        return script(RedisScripts.RELEASE, () -> List.of(k(key)), () -> List.of(StateKeys.member(leaseId)))
                .map(r -> r.toLong() == 1);
    }

    @Override
    public Uni<Void> ping() {
        return send(() -> Request.cmd(Command.PING)).replaceWithVoid();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        redis.close();
    }

    private String k(String key) {
        return prefix + "{" + StateKeys.key(key) + "}";
    }

    private static Request withTtl(Request request, long ttlMillis) {
        return ttlMillis > 0 ? request.arg("PX").arg(ttlMillis) : request;
    }

    private Uni<Response> send(Supplier<Request> request) {
        return guard(Uni.createFrom().deferred(() -> redis.send(request.get())));
    }

    private Uni<Response> script(RedisScript script, Supplier<List<String>> keys, Supplier<List<String>> args) {
        return guard(Uni.createFrom().deferred(() -> script.run(redis, keys.get(), args.get())));
    }

    /** One exception type for every Redis failure (bad arguments aside); the link puts a deadline on each command. */
    private Uni<Response> guard(Uni<Response> call) {
        return call.onFailure(e -> !(e instanceof StateStoreException || e instanceof IllegalArgumentException))
                .transform(e -> new StateStoreException("Redis failed: " + e.getMessage(), e));
    }
}
