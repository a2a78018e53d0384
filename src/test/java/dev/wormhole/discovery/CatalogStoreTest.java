package dev.wormhole.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.testing.TestConfig;

class CatalogStoreTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void savesLiveEntriesAndReadsThemBackAsCached(@TempDir Path dir) {
        Path file = dir.resolve("nested/catalog.json");
        CatalogStore store = new CatalogStore(TestConfig.of(Map.of("wormhole.models.cache-file", file.toString())), json);
        ModelInfo live = new ModelInfo("gpt-4o", "openai", "system", 1, false, "GPT-4o", Set.of(ModelCapability.CHAT),
                128000, 16384, 2.5, 10.0, false);
        ModelInfo fallback = ModelInfo.named("old", "openai", "openai", 0);
        Instant at = Instant.parse("2026-11-27T10:00:00Z");

        store.write(Map.of("openai", new ProviderModels(List.of(new CatalogEntry(live, "live", at),
                new CatalogEntry(fallback, "fallback", null)), at, false, null)));

        assertThat(Files.exists(file)).isTrue();
        assertThat(store.read()).containsOnlyKeys("openai").satisfies(m -> assertThat(m.get("openai")).singleElement()
                .satisfies(e -> {
                    assertThat(e.source()).isEqualTo("cached");
                    assertThat(e.fetchedAt()).isEqualTo(at);
                    assertThat(e.model()).isEqualTo(live);
                }));
    }

    @Test
    void treatsAMissingOrBrokenFileAsNoCache(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalog.json");
        CatalogStore store = new CatalogStore(TestConfig.of(Map.of("wormhole.models.cache-file", file.toString())), json);
        assertThat(store.read()).isEmpty();
        Files.writeString(file, "{not json");
        assertThat(store.read()).isEmpty();
    }
}
