package dev.wormhole.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/** Agent loop limits ({@code wormhole.agent.*}); out-of-range values stop start-up, naming the key. */
public interface AgentConfig {

    /** Model turns that end in server tool calls allowed when the request names no {@code max_steps}. */
    @WithDefault("8")
    @Min(1)
    int defaultMaxSteps();

    /** The largest {@code max_steps} a request may ask for. */
    @WithDefault("32")
    @Min(1)
    @Max(1000)
    int maxSteps();

    /** Tool calls of one turn run at once. */
    @WithDefault("8")
    @Min(1)
    int maxParallelTools();

    /** Largest tool output fed back to the model; larger output is an error result. */
    @WithDefault("1M")
    MemorySize maxToolOutput();
}
