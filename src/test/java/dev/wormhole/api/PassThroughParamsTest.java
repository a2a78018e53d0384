package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.GatewayException;

/** Known pass-through parameters are type-checked; unknown ones pass as they are. */
class PassThroughParamsTest {

    private final ObjectMapper json = new ObjectMapper();

    private Map<String, Object> fields(String text) throws Exception {
        return json.readValue(text, new TypeReference<Map<String, Object>>() { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"logprobs\":1}|logprobs", "{\"top_logprobs\":21}|top_logprobs",
            "{\"top_logprobs\":-1}|top_logprobs", "{\"top_logprobs\":2.0}|top_logprobs",
            "{\"top_logprobs\":99999999999999999999}|top_logprobs", "{\"store\":\"no\"}|store",
            "{\"metadata\":[]}|metadata", "{\"metadata\":{\"a\":1}}|metadata",
            "{\"service_tier\":1}|service_tier", "{\"modalities\":[\"text\",2]}|modalities",
            "{\"logit_bias\":{\"abc\":1}}|logit_bias", "{\"logit_bias\":{\"1\":1e400}}|logit_bias",
            "{\"logit_bias\":{\"1\":100.0001}}|logit_bias", "{\"logit_bias\":{\"01\":1}}|logit_bias",
            "{\"logit_bias\":{\"4294967296\":1}}|logit_bias", "{\"prediction\":\"x\"}|prediction"})
    void refusesAKnownParameterOfTheWrongShape(String spec) throws Exception {
        String[] parts = spec.split("\\|");
        Map<String, Object> parsed = fields(parts[0]);
        assertThatThrownBy(() -> PassThroughParams.check(parsed))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains(parts[1]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"logprobs\":true,\"top_logprobs\":0}", "{\"top_logprobs\":20}",
            "{\"logit_bias\":{\"0\":-100,\"50256\":100,\"2147483647\":0.5}}", "{\"logit_bias\":{}}",
            "{\"metadata\":{\"k\":\"v\"},\"store\":false}", "{\"logprobs\":null,\"metadata\":null}",
            "{\"top_k\":\"anything\",\"custom_vendor_field\":[1,{\"a\":true}]}",
            "{\"web_search_options\":{},\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"}}"})
    void passesWellTypedAndUnknownParameters(String body) throws Exception {
        Map<String, Object> parsed = fields(body);
        assertThatCode(() -> PassThroughParams.check(parsed)).doesNotThrowAnyException();
    }
}
