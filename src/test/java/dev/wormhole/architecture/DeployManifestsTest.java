package dev.wormhole.architecture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Keeps {@code deploy/} true to the application: probe paths the app serves, the port it listens on,
 * non-root read-only containers, keys only from Secrets, and resources set, in every manifest and image.
 */
@QuarkusTest
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode manifest(String path) throws IOException {
        return YAML.readTree(DEPLOY.resolve(path).toFile());
    }

    private static int applicationPort() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    private static List<JsonNode> containers() throws IOException {
        List<JsonNode> containers = new ArrayList<>();
        manifest("kubernetes/deployment.yaml").at("/spec/template/spec/containers").forEach(containers::add);
        manifest("knative/service.yaml").at("/spec/template/spec/containers").forEach(containers::add);
        return containers;
    }

    @Test
    void probesPointAtHealthEndpointsTheApplicationServes() throws IOException {
        List<String> paths = new ArrayList<>();
        for (JsonNode container : containers()) {
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                if (container.has(probe)) {
                    paths.add(container.at("/" + probe + "/httpGet/path").asText());
                }
            }
        }
        assertThat(paths).contains("/q/health/live", "/q/health/ready", "/q/health/started");
        for (String path : paths) {
            given().get(path).then().statusCode(200);
        }
    }

    @Test
    void containersListenOnTheApplicationPortOnAllInterfaces() throws IOException {
        int port = applicationPort();
        for (JsonNode container : containers()) {
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(port);
            assertThat(env(container, "QUARKUS_HTTP_HOST").path("value").asText()).isEqualTo("0.0.0.0");
        }
        JsonNode service = manifest("kubernetes/service.yaml");
        assertThat(service.at("/spec/ports/0/targetPort").asText())
                .isEqualTo(manifest("kubernetes/deployment.yaml").at("/spec/template/spec/containers/0/ports/0/name")
                        .asText());
    }

    @Test
    void keysComeOnlyFromSecrets() throws IOException {
        for (JsonNode container : containers()) {
            assertThat(env(container, "WORMHOLE_API_KEY").at("/valueFrom/secretKeyRef/name").asText()).isNotEmpty();
            for (JsonNode variable : container.path("env")) {
                String name = variable.path("name").asText();
                if (name.matches(".*(KEY|TOKEN|SECRET|PASSWORD).*")) {
                    assertThat(variable.has("value")).as("%s must come from a Secret", name).isFalse();
                }
            }
        }
        manifest("kubernetes/configmap.yaml").path("data").fieldNames().forEachRemaining(
                key -> assertThat(key).doesNotContainPattern("(KEY|TOKEN|SECRET|PASSWORD)$"));
    }

    @Test
    void containersRunAsNonRootOnAReadOnlyFilesystemWithResources() throws IOException {
        for (JsonNode container : containers()) {
            assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
            assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        }
    }

    @Test
    void autoscalingAndDisruptionBudgetTargetTheDeployment() throws IOException {
        JsonNode deployment = manifest("kubernetes/deployment.yaml");
        String name = deployment.at("/metadata/name").asText();
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertThat(manifest("kubernetes/hpa.yaml").at("/spec/scaleTargetRef/name").asText()).isEqualTo(name);
        assertThat(manifest("kubernetes/pdb.yaml").at("/spec/selector/matchLabels")).isEqualTo(podLabels);
        assertThat(manifest("kubernetes/service.yaml").at("/spec/selector")).isEqualTo(podLabels);
        assertThat(manifest("knative/service.yaml")
                .at("/spec/template/metadata/annotations/autoscaling.knative.dev~1min-scale").asText()).isEqualTo("0");
    }

    @Test
    void replicasShareTheirStateInRedisWiredFromTheSecret() throws IOException {
        // Several replicas (and a read-only root filesystem) rule out the embedded store: each would keep its own
        // keys and counters, in a file it cannot write.
        assertThat(manifest("kubernetes/hpa.yaml").at("/spec/maxReplicas").asInt()).isGreaterThan(1);
        assertThat(manifest("kubernetes/configmap.yaml").at("/data/WORMHOLE_STATE_BACKEND").asText()).isEqualTo("redis");
        JsonNode knative = manifest("knative/service.yaml").at("/spec/template/spec/containers/0");
        assertThat(env(knative, "WORMHOLE_STATE_BACKEND").path("value").asText()).isEqualTo("redis");
        for (JsonNode container : containers()) {
            assertThat(env(container, "WORMHOLE_STATE_REDIS_URL").at("/valueFrom/secretKeyRef/name").asText())
                    .isEqualTo("wormhole-keys");
        }
        JsonNode redis = manifest("kubernetes/redis-deployment.yaml");
        JsonNode labels = redis.at("/spec/template/metadata/labels");
        manifest("kubernetes/redis-service.yaml").at("/spec/selector").fields().forEachRemaining(
                selector -> assertThat(labels.path(selector.getKey())).isEqualTo(selector.getValue()));
        assertThat(manifest("kubernetes/redis-service.yaml").at("/metadata/name").asText()).isEqualTo("wormhole-redis");
        assertThat(redis.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText())
                .isEqualTo(manifest("kubernetes/redis-pvc.yaml").at("/metadata/name").asText());
        JsonNode container = redis.at("/spec/template/spec/containers/0");
        assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        assertThat(env(container, "REDIS_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("wormhole-keys");
    }

    @Test
    void imagesExposeTheApplicationPortAsNonRoot() throws IOException {
        int port = applicationPort();
        for (String dockerfile : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro",
                "Dockerfile.native-multistage")) {
            String text = Files.readString(DEPLOY.resolve(dockerfile));
            assertThat(text).as(dockerfile).contains("EXPOSE " + port).contains("QUARKUS_HTTP_HOST=0.0.0.0")
                    .containsPattern("(?m)^USER (185|1001)$");
        }
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("name"));
    }
}
