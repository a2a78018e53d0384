package dev.wormhole.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bundled vendor profiles ({@code vendors/profiles.json}): adding an OpenAI-compatible vendor is a data
 * change. Read when needed (at start), never held in static state.
 */
public final class VendorProfiles {

    static final String RESOURCE = "vendors/profiles.json";

    private final List<VendorProfile> profiles;

    public VendorProfiles() {
        try (InputStream in = VendorProfiles.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled resource " + RESOURCE);
            }
            List<VendorProfile> read = new ArrayList<>();
            for (JsonNode v : new ObjectMapper().readTree(in).path("vendors")) {
                read.add(new VendorProfile(v.path("id").asText(), v.path("name").asText(), v.path("base_url").asText(),
                        strings(v.path("key_env")), strings(v.path("base_url_env")),
                        v.path("max_tokens_param").asText("max_tokens"), strings(v.path("unsupported")),
                        v.path("local").asBoolean(false), v.path("discovery").asText("openai"),
                        v.path("append_path").asText(null)));
            }
            this.profiles = List.copyOf(read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    public List<VendorProfile> all() {
        return profiles;
    }

    public Optional<VendorProfile> find(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
