package dev.wormhole.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.wormhole.core.GatewayException;

/**
 * The well-known OpenAI Chat Completions parameters the gateway passes through without modelling them, each
 * with the JSON type OpenAI requires, so that the pass-through map is no back door for a malformed value. A
 * null value asks for the default and passes; fields not in the table pass unchanged, as before.
 */
final class PassThroughParams {

    private static final int MAX_TOP_LOGPROBS = 20;
    private static final int MAX_METADATA_KEYS = 16;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;
    private static final double MAX_LOGIT_BIAS = 100;
    private static final Pattern TOKEN_ID = Pattern.compile("0|[1-9][0-9]{0,9}");

    private record Rule(Predicate<Object> accepts, String expectation) {
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("logprobs", new Rule(Boolean.class::isInstance, "true or false")),
            Map.entry("top_logprobs", new Rule(v -> integerIn(v, 0, MAX_TOP_LOGPROBS),
                    "an integer from 0 to " + MAX_TOP_LOGPROBS)),
            Map.entry("store", new Rule(Boolean.class::isInstance, "true or false")),
            Map.entry("metadata", new Rule(PassThroughParams::metadata, "an object of at most " + MAX_METADATA_KEYS
                    + " string values, keys of at most " + MAX_METADATA_KEY + " characters and values of at most "
                    + MAX_METADATA_VALUE)),
            Map.entry("service_tier", new Rule(String.class::isInstance, "a string")),
            Map.entry("prompt_cache_key", new Rule(String.class::isInstance, "a string")),
            Map.entry("safety_identifier", new Rule(String.class::isInstance, "a string")),
            Map.entry("verbosity", new Rule(String.class::isInstance, "a string")),
            Map.entry("modalities", new Rule(v -> v instanceof List<?> list
                    && list.stream().allMatch(String.class::isInstance), "an array of strings")),
            Map.entry("logit_bias", new Rule(PassThroughParams::logitBias, "an object mapping token ids (\"50256\") "
                    + "to numbers from -100 to 100")),
            Map.entry("prediction", new Rule(Map.class::isInstance, "an object")),
            Map.entry("audio", new Rule(Map.class::isInstance, "an object")),
            Map.entry("web_search_options", new Rule(Map.class::isInstance, "an object")));

    private PassThroughParams() {
    }

    /** Refuses a known parameter whose value has the wrong type or range, naming it. */
    static void check(Map<String, Object> passThrough) {
        for (Map.Entry<String, Object> field : passThrough.entrySet()) {
            Rule rule = RULES.get(field.getKey());
            if (rule != null && field.getValue() != null && !rule.accepts().test(field.getValue())) {
                throw GatewayException.invalid(field.getKey(), field.getKey() + " must be " + rule.expectation()
                        + ".");
            }
        }
    }

    private static boolean integerIn(Object value, long min, long max) {
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            return false;
        }
        BigInteger n = value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
        return n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    private static boolean metadata(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() > MAX_METADATA_KEYS) {
            return false;
        }
        return map.entrySet().stream().allMatch(e -> e.getKey().toString().length() <= MAX_METADATA_KEY
                && e.getValue() instanceof String s && s.length() <= MAX_METADATA_VALUE);
    }

    private static boolean logitBias(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return false;
        }
        return map.entrySet().stream().allMatch(e -> tokenId(e.getKey().toString()) && bias(e.getValue()));
    }

    private static boolean tokenId(String key) {
        return TOKEN_ID.matcher(key).matches() && Long.parseLong(key) <= Integer.MAX_VALUE;
    }

    private static boolean bias(Object value) {
        if (value instanceof BigDecimal || value instanceof BigInteger) {
            BigDecimal bias = new BigDecimal(value.toString());
            return bias.abs().compareTo(BigDecimal.valueOf(MAX_LOGIT_BIAS)) <= 0;
        }
        // A number too large for a double (1e400) is read as infinity, which is out of range too.
        return value instanceof Number n && Double.isFinite(n.doubleValue())
                && Math.abs(n.doubleValue()) <= MAX_LOGIT_BIAS;
    }
}
