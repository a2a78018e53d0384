package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.GatewayException;

class ResponseInputItemPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void showsEachItemAsOpenAiListsIt() throws Exception {
        JsonNode input = JSON.readTree("[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"type\":\"message\",\"id\":\"msg_x\",\"role\":\"assistant\",\"content\":\"hello\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"ok\"}]");

        JsonNode page = ResponseInputItemPages.page(input, "resp_abc", null, "asc", null);

        assertThat(page.get("object").asText()).isEqualTo("list");
        assertThat(page.get("has_more").asBoolean()).isFalse();
        JsonNode data = page.get("data");
        assertThat(data.get(0)).isEqualTo(JSON.readTree("{\"type\":\"message\",\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":\"hi\"}],\"id\":\"msg_abc_in0\",\"status\":\"completed\"}"));
        assertThat(data.get(1).get("id").asText()).isEqualTo("msg_x");
        assertThat(data.get(1).at("/content/0/type").asText()).isEqualTo("output_text");
        assertThat(data.get(2).get("id").asText()).isEqualTo("fco_abc_in2");
        assertThat(page.get("first_id").asText()).isEqualTo("msg_abc_in0");
        assertThat(page.get("last_id").asText()).isEqualTo("fco_abc_in2");
    }

    @Test
    void pagesNewestFirstByDefault() throws Exception {
        JsonNode input = JSON.readTree("[{\"role\":\"user\",\"content\":\"1\"},{\"role\":\"user\",\"content\":\"2\"},"
                + "{\"role\":\"user\",\"content\":\"3\"}]");

        JsonNode first = ResponseInputItemPages.page(input, "resp_abc", "2", null, null);
        JsonNode rest = ResponseInputItemPages.page(input, "resp_abc", "2", null, first.get("last_id").asText());

        assertThat(first.get("data")).extracting(i -> i.at("/content/0/text").asText()).containsExactly("3", "2");
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(rest.get("data")).extracting(i -> i.at("/content/0/text").asText()).containsExactly("1");
        assertThat(rest.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void refusesABadLimitOrOrder() throws Exception {
        JsonNode input = JSON.readTree("[{\"role\":\"user\",\"content\":\"1\"}]");

        for (String limit : new String[] { "0", "101", "ten", "1.5" }) {
            assertThatThrownBy(() -> ResponseInputItemPages.page(input, "resp_abc", limit, null, null))
                    .isInstanceOf(GatewayException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).param()).contains("limit"));
        }
        assertThatThrownBy(() -> ResponseInputItemPages.page(input, "resp_abc", null, "newest", null))
                .satisfies(e -> assertThat(((GatewayException) e).param()).contains("order"));
    }
}
