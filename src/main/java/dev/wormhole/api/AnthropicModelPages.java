package dev.wormhole.api;

import java.time.Instant;
import java.util.List;

import dev.wormhole.api.dto.AnthropicModelList;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelInfo;

/**
 * The catalog in Anthropic's shape, for clients that announce themselves with {@code anthropic-version}: pages
 * of {@code limit} models (1 to 1000, default 20) after {@code after_id} or before {@code before_id}, in the
 * catalog's order, so that agents can discover what the gateway serves.
 */
final class AnthropicModelPages {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private AnthropicModelPages() {
    }

    /** One page of {@code models}. */
    static AnthropicModelList page(List<ModelInfo> models, Integer limit, String afterId, String beforeId) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw GatewayException.invalid("limit", "limit must be from 1 to " + MAX_LIMIT + ".");
        }
        if (afterId != null && beforeId != null) {
            throw GatewayException.invalid("before_id", "Give after_id or before_id, not both.");
        }
        int from = 0;
        int to = models.size();
        if (afterId != null) {
            from = indexOf(models, afterId, "after_id") + 1;
            to = Math.min(models.size(), from + size);
        } else if (beforeId != null) {
            to = indexOf(models, beforeId, "before_id");
            from = Math.max(0, to - size);
        } else {
            to = Math.min(models.size(), size);
        }
        List<AnthropicModelList.Model> page = models.subList(from, to).stream().map(AnthropicModelPages::model).toList();
        boolean hasMore = beforeId != null ? from > 0 : to < models.size();
        return new AnthropicModelList(page, hasMore, page.isEmpty() ? null : page.get(0).id(),
                page.isEmpty() ? null : page.get(page.size() - 1).id());
    }

    /** One model in Anthropic's shape. */
    static AnthropicModelList.Model model(ModelInfo m) {
        return new AnthropicModelList.Model("model", m.qualifiedId(), m.displayName() == null ? m.qualifiedId()
                : m.displayName(), Instant.ofEpochSecond(m.created()).toString());
    }

    private static int indexOf(List<ModelInfo> models, String id, String param) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).qualifiedId().equals(id)) {
                return i;
            }
        }
        throw GatewayException.invalid(param, param + " names no model of the list.");
    }
}
