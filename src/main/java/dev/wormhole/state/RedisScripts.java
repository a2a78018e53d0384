package dev.wormhole.state;

/**
 * The Lua scripts behind the store's multi-step operations; Redis runs each one atomically, so no replica ever
 * reads, decides and writes in separate steps. Times are the Redis server's clock (one clock for every replica).
 * Numbers go back to Redis through {@code int()}: Lua's own number-to-string conversion would write large
 * integers in exponent form.
 */
final class RedisScripts {

    private static final String PRELUDE = """
            if redis.replicate_commands then redis.replicate_commands() end
            local function int(n) return string.format('%d', n) end
            local function costOf(member) return tonumber(string.match(member, ':(%-?%d+)$')) end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /** The sliding window log: KEYS[1] a sorted set of "seq:cost" scored by time, KEYS[2] a hash {used, seq}. */
    private static final String WINDOW = PRELUDE + """
            local function prune(window)
              local used = tonumber(redis.call('HGET', KEYS[2], 'used') or '0')
              local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', int(now - window))
              for i = 1, #gone do used = used - costOf(gone[i]) end
              if #gone > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', int(now - window)) end
              return used
            end
            local function count(at, cost)
              local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
              redis.call('ZADD', KEYS[1], int(at), int(seq) .. ':' .. int(cost))
            end
            local function settle(window, used)
              local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
              if #last == 0 then
                redis.call('DEL', KEYS[1], KEYS[2])
                return 0
              end
              local ends = tonumber(last[2]) + window
              redis.call('HSET', KEYS[2], 'used', int(used))
              redis.call('PEXPIREAT', KEYS[1], int(ends))
              redis.call('PEXPIREAT', KEYS[2], int(ends))
              return ends - now
            end
            """;

    /** ARGV: limit, window ms, cost. Answers {admitted, remaining, retry-after ms, reset-after ms, now}. */
    static final RedisScript ADMIT = RedisScript.of("admit", WINDOW + """
            local limit, window, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local used = prune(window)
            local admitted = cost <= limit and used + cost <= limit
            local retry = 0
            if admitted then
              count(now, cost)
              used = used + cost
            else
              retry = window
              local freed, start, found = 0, 0, false
              while cost <= limit and not found do
                local batch = redis.call('ZRANGE', KEYS[1], start, start + 99, 'WITHSCORES')
                if #batch == 0 then break end
                for i = 1, #batch, 2 do
                  freed = freed + costOf(batch[i])
                  if used - freed + cost <= limit then
                    retry = tonumber(batch[i + 1]) + window - now
                    found = true
                    break
                  end
                end
                start = start + 100
              end
            end
            local reset = settle(window, used)
            return {admitted and 1 or 0, int(math.max(0, limit - used)), int(retry), int(reset), int(now)}
            """);

    /** ARGV: window ms, the admission's time, delta. */
    static final RedisScript ADJUST = RedisScript.of("adjust", WINDOW + """
            local window, at, delta = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local used = prune(window)
            local stamp = nil
            if at > now - window then stamp = at elseif delta > 0 then stamp = now end
            if stamp then
              count(stamp, delta)
              used = used + delta
            end
            settle(window, used)
            return 1
            """);

    /** KEYS[1] a sorted set of lease ids scored by expiry. ARGV: limit, lease id, TTL ms. Answers 1 when taken. */
    static final RedisScript ACQUIRE = RedisScript.of("acquire", PRELUDE + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', int(now))
            local taken = redis.call('ZSCORE', KEYS[1], ARGV[2]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1])
            if taken then redis.call('ZADD', KEYS[1], int(now + tonumber(ARGV[3])), ARGV[2]) end
            local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
            if #last > 0 then redis.call('PEXPIREAT', KEYS[1], int(tonumber(last[2]))) end
            if taken then return 1 else return 0 end
            """);

    /** KEYS[1] the lease set. ARGV: lease id. Answers 1 when the lease was held (not yet expired). */
    static final RedisScript RELEASE = RedisScript.of("release", PRELUDE + """
            local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if not expiry then return 0 end
            redis.call('ZREM', KEYS[1], ARGV[1])
            if tonumber(expiry) > now then return 1 else return 0 end
            """);

    /** KEYS[1] a counter. ARGV: delta, TTL ms (0: none). Answers the new value. */
    static final RedisScript INCREMENT = RedisScript.of("increment", """
            local value = redis.call('INCRBY', KEYS[1], ARGV[1])
            if tonumber(ARGV[2]) > 0 and redis.call('PTTL', KEYS[1]) == -1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return value
            """);

    /** KEYS[1] a hash. ARGV: TTL ms (0: none), then field, delta pairs. Answers the new values in order. */
    static final RedisScript INCREMENT_FIELDS = RedisScript.of("increment-fields", """
            local values = {}
            for i = 2, #ARGV, 2 do values[#values + 1] = redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
            if tonumber(ARGV[1]) > 0 and redis.call('PTTL', KEYS[1]) == -1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return values
            """);

    private RedisScripts() {
    }
}
