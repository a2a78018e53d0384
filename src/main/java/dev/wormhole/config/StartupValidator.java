package dev.wormhole.config;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/** Refuses to start with a configuration that is wrong or unsafe, naming every problem in one message. */
@ApplicationScoped
public class StartupValidator {

    private final WormholeConfig config;
    private final String httpHost;

    // quarkus.http.host belongs to Quarkus's own mapping; reading the one key here beats a second mapping of it.
    StartupValidator(WormholeConfig config, @ConfigProperty(name = "quarkus.http.host") String httpHost) {
        this.config = config;
        this.httpHost = httpHost;
    }

    void validate(@Observes StartupEvent event) {
        List<String> problems = ConfigProblems.find(config, httpHost);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Wormhole cannot start; fix the configuration:"
                    + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining()));
        }
    }
}
