package dev.wormhole.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The default store: state in this process, persisted to one file, for a single replica. Every operation runs on
 * one dedicated thread that owns the data (so each is atomic without locks, and the event loop never waits on a lock
 * or on the disk); its result is delivered back on the caller's Vert.x context. A change is written to the file
 * {@code flushInterval} later, by a second thread, as an atomic snapshot, and once more on {@link #close}: a crash
 * (not a shutdown) loses at most the changes of the last interval plus the write in progress.
 */
public final class EmbeddedStateStore implements StateStore {

    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final StateFile file;
    private final EmbeddedState state;
    private final long flushMillis;
    private final ScheduledThreadPoolExecutor stateThread;
    private final ExecutorService writer;
    // both confined to the state thread
    private boolean dirty;
    private boolean flushScheduled;

    private EmbeddedStateStore(StateFile file, EmbeddedState state, Duration flushInterval) {
        this.file = file;
        this.state = state;
        this.flushMillis = Math.max(1, flushInterval.toMillis());
        this.stateThread = new ScheduledThreadPoolExecutor(1, daemon("wormhole-state"));
        stateThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        stateThread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.writer = Executors.newSingleThreadExecutor(daemon("wormhole-state-writer"));
        stateThread.scheduleWithFixedDelay(() -> state.sweep(System.currentTimeMillis()),
                SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens the store on {@code path}, reading what the last run left there. Blocks: call it at start-up. */
    public static EmbeddedStateStore open(Path path, Duration flushInterval) {
        StateFile file = StateFile.open(path);
        try {
            return new EmbeddedStateStore(file, new EmbeddedState(file.read(System.currentTimeMillis())), flushInterval);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public Uni<Optional<byte[]>> get(String key) {
        return read(now -> state.get(StateKeys.key(key), now));
    }

    @Override
    public Uni<Void> put(String key, byte[] value, Duration ttl) {
        return write(now -> {
            state.put(StateKeys.key(key), value, StateKeys.ttlMillis(ttl), now);
            return null;
        });
    }

    @Override
    public Uni<Boolean> putIfAbsent(String key, byte[] value, Duration ttl) {
        return write(now -> state.putIfAbsent(StateKeys.key(key), value, StateKeys.ttlMillis(ttl), now));
    }

    @Override
    public Uni<Boolean> delete(String key) {
        return write(now -> state.delete(StateKeys.key(key), now));
    }

    @Override
    public Uni<Long> increment(String key, long delta, Duration ttl) {
        return write(now -> state.increment(StateKeys.key(key), delta, StateKeys.ttlMillis(ttl), now));
    }

    @Override
    public Uni<Long> counter(String key) {
        return read(now -> state.counter(StateKeys.key(key), now));
    }

    @Override
    public Uni<Map<String, Long>> incrementFields(String key, Map<String, Long> deltas, Duration ttl) {
        return write(now -> {
            deltas.keySet().forEach(StateKeys::member);
            return state.incrementFields(StateKeys.key(key), deltas, StateKeys.ttlMillis(ttl), now);
        });
    }

    @Override
    public Uni<Map<String, Long>> fields(String key) {
        return read(now -> state.fields(StateKeys.key(key), now));
    }

    @Override
    public Uni<Boolean> indexAdd(String key, String member) {
        return write(now -> state.indexAdd(StateKeys.key(key), StateKeys.member(member), now));
    }

    @Override
    public Uni<Boolean> indexRemove(String key, String member) {
        return write(now -> state.indexRemove(StateKeys.key(key), StateKeys.member(member), now));
    }

    @Override
    public Uni<List<String>> indexPage(String key, String after, int limit) {
        return read(now -> state.indexPage(StateKeys.key(key), StateKeys.after(after), StateKeys.pageSize(limit), now));
    }

    @Override
    public Uni<Admission> admit(String key, long limit, Duration window, long cost) {
        return write(now -> state.admit(StateKeys.key(key), StateKeys.limit(limit),
                StateKeys.positiveMillis(window, "a window"), StateKeys.cost(cost), now));
    }

    @Override
    public Uni<Void> adjust(String key, Duration window, Admission admission, long delta) {
        return write(now -> {
            state.adjust(StateKeys.key(key), StateKeys.positiveMillis(window, "a window"), admission.at(), delta, now);
            return null;
        });
    }

    @Override
    public Uni<Boolean> acquire(String key, int limit, String leaseId, Duration leaseTtl) {
        return write(now -> state.acquire(StateKeys.key(key), (int) StateKeys.limit(limit), StateKeys.member(leaseId),
                StateKeys.positiveMillis(leaseTtl, "a lease TTL"), now));
    }

    @Override
    public Uni<Boolean> release(String key, String leaseId) {
        return write(now -> state.release(StateKeys.key(key), StateKeys.member(leaseId), now));
    }

    @Override
    public Uni<Void> ping() {
        return read(now -> null);
    }

    @Override
    public String describe() {
        return "embedded (" + file.path() + ")";
    }

    @Override
    public void close() {
        try {
            stateThread.submit(() -> {
                byte[] last = StateFile.encode(state.entries, System.currentTimeMillis());
                writer.execute(() -> writeFile(last));
            }).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return; // closed already
        } catch (Exception e) {
            Log.errorf("The last snapshot of %s could not be taken: %s", file.path(), e.toString());
        } finally {
            stateThread.shutdownNow();
            writer.shutdown();
        }
        try {
            if (!writer.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                Log.errorf("The state file %s was still being written after %s", file.path(), CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            file.close();
        }
    }

    private <T> Uni<T> read(LongFunction<T> operation) {
        return run(operation, false);
    }

    private <T> Uni<T> write(LongFunction<T> operation) {
        return run(operation, true);
    }

    private <T> Uni<T> run(LongFunction<T> operation, boolean changes) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            try {
                stateThread.execute(() -> {
                    T result;
                    try {
                        result = operation.apply(System.currentTimeMillis());
                    } catch (RuntimeException e) {
                        deliver(caller, () -> emitter.fail(e));
                        return;
                    }
                    if (changes) {
                        changed();
                    }
                    deliver(caller, () -> emitter.complete(result));
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new StateStoreException("the state store is closed"));
            }
        });
    }

    private static void deliver(Context caller, Runnable emission) {
        if (caller != null) {
            caller.runOnContext(ignored -> emission.run());
        } else {
            emission.run();
        }
    }

    private void changed() {
        dirty = true;
        if (!flushScheduled) {
            flushScheduled = true;
            stateThread.schedule(this::flush, flushMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void flush() {
        flushScheduled = false;
        if (dirty) {
            dirty = false;
            byte[] snapshot = StateFile.encode(state.entries, System.currentTimeMillis());
            writer.execute(() -> {
                if (!writeFile(snapshot)) {
                    stateThread.execute(this::changed); // try again one interval later
                }
            });
        }
    }

    private boolean writeFile(byte[] snapshot) {
        try {
            file.write(snapshot);
            return true;
        } catch (IOException | RuntimeException e) {
            Log.errorf("The state file %s could not be written: %s", file.path(), e.toString());
            return false;
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
