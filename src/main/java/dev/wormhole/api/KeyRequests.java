package dev.wormhole.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.api.dto.KeyList;
import dev.wormhole.api.dto.KeyRequest;
import dev.wormhole.api.dto.KeyView;
import dev.wormhole.core.BudgetPeriod;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.KeyLimits;
import dev.wormhole.key.KeyAdmin;
import dev.wormhole.key.KeySpec;
import dev.wormhole.key.VirtualKey;

/**
 * Maps the admin API's key JSON to {@link KeySpec} and back. Input is read strictly: an unknown field, a wrong
 * type, an unknown budget period or an unreadable {@code expires_at} is a 400 naming the field.
 */
@ApplicationScoped
class KeyRequests {

    private final BodyReader bodies;

    KeyRequests(BodyReader bodies) {
        this.bodies = bodies;
    }

    /** The spec of a key to create. */
    KeySpec toCreate(ObjectNode body) {
        KeyRequest request = read(body);
        return new KeySpec(request.name(), request.team(), request.models(), limits(request.limits(), request.budget()),
                expiry(request.expiresAt()), request.metadata());
    }

    /** The change a PATCH makes: the fields it names replace the key's, a null clears one. */
    UnaryOperator<KeySpec> toPatch(ObjectNode body) {
        KeyRequest request = read(body);
        Instant expiresAt = expiry(request.expiresAt());
        return old -> {
            KeyLimits limits = old.limits();
            if (body.has("limits")) {
                limits = limits(request.limits(), limits.budget());
            }
            if (body.has("budget")) {
                limits = new KeyLimits(limits.rpm(), limits.tpm(), limits.maxConcurrent(), budget(request.budget()));
            }
            return new KeySpec(body.has("name") ? request.name() : old.name(),
                    body.has("team") ? request.team() : old.team(),
                    body.has("models") ? request.models() : old.models(), limits,
                    body.has("expires_at") ? expiresAt : old.expiresAt(),
                    body.has("metadata") ? request.metadata() : old.metadata());
        };
    }

    /** The view of a key, with its secret when it was just issued. */
    static KeyView view(VirtualKey key, String secret) {
        KeySpec spec = key.spec();
        KeyLimits limits = spec.limits();
        KeyLimits.Budget budget = limits.budget();
        return new KeyView(key.id(), "virtual_key", spec.name(), spec.team(), spec.models(),
                new KeyRequest.Limits(limits.rpm(), limits.tpm(), limits.maxConcurrent()),
                budget == null ? null : new KeyRequest.Budget(budget.usd(), budget.period().wireName()),
                spec.expiresAt(), spec.metadata(), key.hint(), key.source().name().toLowerCase(Locale.ROOT),
                key.status(Instant.now()), key.createdAt(), key.updatedAt(), key.revokedAt(), secret);
    }

    /** A page of the key list. */
    static KeyList list(KeyAdmin.KeyPage page) {
        List<KeyView> views = page.keys().stream().map(key -> view(key, null)).toList();
        return new KeyList("list", views, page.hasMore(), views.isEmpty() ? null : views.get(views.size() - 1).id());
    }

    private KeyRequest read(ObjectNode body) {
        if (body == null) {
            throw GatewayException.invalid(null, "A JSON object body is required.");
        }
        refuseUnknown(body, "", KeyRequest.FIELDS);
        refuseUnknown(body.get("limits"), "limits.", KeyRequest.Limits.FIELDS);
        refuseUnknown(body.get("budget"), "budget.", KeyRequest.Budget.FIELDS);
        KeyRequest request = bodies.read(body, KeyRequest.class, "The key");
        if (request.models() != null && request.models().contains(null)) {
            throw GatewayException.invalid("models[" + request.models().indexOf(null) + "]", "models["
                    + request.models().indexOf(null) + "] must be a glob, not null.");
        }
        if (request.metadata() != null && request.metadata().containsValue(null)) {
            throw GatewayException.invalid("metadata", "metadata values must be strings, not null.");
        }
        return request;
    }

    private static void refuseUnknown(JsonNode node, String prefix, List<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                // The unknown name is the client's text: it is not echoed.
                throw GatewayException.invalid(prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1),
                        "Unknown field in " + (prefix.isEmpty() ? "the key" : prefix.substring(0, prefix.length() - 1))
                                + "; known fields: " + known + ".");
            }
        }
    }

    private static KeyLimits limits(KeyRequest.Limits limits, KeyLimits.Budget budget) {
        return limits == null ? new KeyLimits(null, null, null, budget)
                : new KeyLimits(limits.rpm(), limits.tpm(), limits.maxConcurrent(), budget);
    }

    private static KeyLimits limits(KeyRequest.Limits limits, KeyRequest.Budget budget) {
        return limits(limits, budget(budget));
    }

    private static KeyLimits.Budget budget(KeyRequest.Budget budget) {
        if (budget == null) {
            return null;
        }
        BudgetPeriod period = budget.period() == null ? null : BudgetPeriod.named(budget.period()).orElseThrow(
                () -> GatewayException.invalid("budget.period", "budget.period must be day, month or total."));
        return new KeyLimits.Budget(budget.usd(), period);
    }

    private static Instant expiry(String expiresAt) {
        try {
            return expiresAt == null ? null : Instant.parse(expiresAt);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid("expires_at", "expires_at must be an ISO-8601 instant such as "
                    + "2026-01-31T00:00:00Z.");
        }
    }
}
