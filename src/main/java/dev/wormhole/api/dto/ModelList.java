package dev.wormhole.api.dto;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's model list: {@code {"object":"list","data":[…]}}. Registered for reflection because the models resource
 * returns it or Anthropic's shape from one method, so no REST signature names it.
 */
@RegisterForReflection
public record ModelList(String object, List<ModelObject> data) {
}
