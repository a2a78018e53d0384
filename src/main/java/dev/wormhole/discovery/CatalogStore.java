package dev.wormhole.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Saves the last good catalog to {@code wormhole.models.cache-file} and reads it back at start, so a restart
 * without network still serves what the providers last said. Off when no file is configured. Writes replace
 * the file atomically; a missing or unreadable file is simply no cache.
 */
@ApplicationScoped
public class CatalogStore {

    /** The saved form of one entry. Reflection: read and written by the ObjectMapper, not by REST. */
    @RegisterForReflection
    public record Saved(String provider, String id, String ownedBy, long created, String displayName,
            Set<ModelCapability> capabilities, Integer contextWindow, Integer maxOutputTokens, Double inputPrice,
            Double outputPrice, boolean deprecated, Instant fetchedAt) {
    }

    private final Optional<Path> file;
    private final ObjectMapper json;

    CatalogStore(WormholeConfig config, ObjectMapper json) {
        this.file = config.models().cacheFile();
        this.json = json;
    }

    /** The saved entries by provider; empty when off or absent. Blocking: call at start or off the event loop. */
    Map<String, List<CatalogEntry>> read() {
        if (file.isEmpty() || !Files.isReadable(file.get())) {
            return Map.of();
        }
        try {
            Saved[] saved = json.readValue(file.get().toFile(), Saved[].class);
            Map<String, List<CatalogEntry>> byProvider = new HashMap<>();
            for (Saved s : saved) {
                ModelInfo model = new ModelInfo(s.id(), s.provider(), s.ownedBy(), s.created(), false, s.displayName(),
                        s.capabilities(), s.contextWindow(), s.maxOutputTokens(), s.inputPrice(), s.outputPrice(),
                        s.deprecated());
                byProvider.computeIfAbsent(s.provider(), p -> new ArrayList<>())
                        .add(new CatalogEntry(model, "cached", s.fetchedAt()));
            }
            return byProvider;
        } catch (IOException e) {
            Log.warnf("Ignoring the unreadable catalog cache %s: %s", file.get(), e.getMessage());
            return Map.of();
        }
    }

    /** Saves the live and cached entries. Blocking: call off the event loop. */
    void write(Map<String, ProviderModels> snapshot) {
        if (file.isEmpty()) {
            return;
        }
        List<Saved> saved = new ArrayList<>();
        snapshot.values().forEach(p -> p.entries().stream().filter(e -> !"fallback".equals(e.source()))
                .filter(e -> !e.model().simulated()).forEach(e -> {
                    ModelInfo m = e.model();
                    saved.add(new Saved(m.provider(), m.id(), m.ownedBy(), m.created(), m.displayName(), m.capabilities(),
                            m.contextWindow(), m.maxOutputTokens(), m.inputPrice(), m.outputPrice(), m.deprecated(),
                            e.fetchedAt()));
                }));
        try {
            Path target = file.get();
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".catalog", ".json");
            json.writeValue(temporary.toFile(), saved);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.warnf("Could not save the catalog to %s: %s", file.get(), e.getMessage());
        }
    }
}
