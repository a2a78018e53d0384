package dev.wormhole.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

/** Chat-completion stubs on the WireMock upstream, matched by the model the gateway sends. */
public final class ChatStubs {

    private ChatStubs() {
    }

    /** A chat request to the upstream for {@code model}. */
    public static MappingBuilder chatFor(String model) {
        return post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", WireMock.equalTo(model)));
    }

    /** A complete chat answer whose text is {@code content}. */
    public static ResponseDefinitionBuilder answer(String content) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\":\"chatcmpl-t\","
                + "\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}]}");
    }

    /** How many chat requests for {@code model} reached the upstream. */
    public static int callsFor(String model) {
        return UpstreamMock.wireMock().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", WireMock.equalTo(model)))).size();
    }
}
