package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.GatewayException;

class ResponseChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void makesAStringInputOneUserMessageItem() throws Exception {
        assertThat(ResponseChain.items(JSON.readTree("\"hi\""))).isEqualTo(JSON.readTree(
                "[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]"));
    }

    @Test
    void copiesAnItemArray() throws Exception {
        JsonNode input = JSON.readTree("[{\"role\":\"user\",\"content\":\"hi\"}]");

        JsonNode items = ResponseChain.items(input);

        assertThat(items).isEqualTo(input).isNotSameAs(input);
    }

    @Test
    void continuesWithThePreviousInputThenItsOutputThenTheNewInput() throws Exception {
        JsonNode previousInput = JSON.readTree("[{\"role\":\"developer\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"weather?\"}]");
        JsonNode previous = JSON.readTree("{\"id\":\"resp_1\",\"instructions\":\"not carried\",\"output\":["
                + "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"w\",\"arguments\":\"{}\","
                + "\"status\":\"completed\"}]}");
        JsonNode input = JSON.readTree("[{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"sun\"}]");

        JsonNode items = ResponseChain.continued(previousInput, previous, input);

        assertThat(items).hasSize(4);
        assertThat(items.get(0).get("content").asText()).isEqualTo("be brief");
        assertThat(items.get(2).get("type").asText()).isEqualTo("function_call");
        assertThat(items.get(3).get("type").asText()).isEqualTo("function_call_output");
        assertThat(items.toString()).doesNotContain("not carried");
    }

    @Test
    void refusesAnInputThatIsNeitherTextNorItems() throws Exception {
        assertThatThrownBy(() -> ResponseChain.items(JSON.readTree("42"))).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).param()).contains("input"));
        assertThatThrownBy(() -> ResponseChain.items(JSON.readTree("[]"))).isInstanceOf(GatewayException.class);
    }
}
