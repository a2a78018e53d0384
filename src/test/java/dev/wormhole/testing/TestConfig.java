package dev.wormhole.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import dev.wormhole.config.WormholeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;

/** A {@link WormholeConfig} built from plain properties, for unit tests that need no running application. */
public final class TestConfig {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private TestConfig() {
    }

    public static WormholeConfig of(Map<String, String> properties) {
        return builder(properties).build().getConfigMapping(WormholeConfig.class);
    }

    /**
     * What start-up would report about these properties before any cross-field check: values that do not
     * convert (an unknown enum constant) and values outside their declared Bean Validation constraints, each
     * message naming its key; empty when the mapping is valid.
     */
    public static List<String> violations(Map<String, String> properties) {
        BeanValidationConfigValidator validator = () -> VALIDATOR;
        try {
            builder(properties).withValidator(validator).build();
            return List.of();
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(e.getProblem(i).getMessage());
            }
            return problems;
        }
    }

    private static SmallRyeConfigBuilder builder(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(WormholeConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100));
    }
}
