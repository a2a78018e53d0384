package dev.wormhole.config;

import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The gateway's own quotas of one upstream, {@code wormhole.providers.<id>.limits.*}, shared by every replica through
 * the state store so that the cluster as a whole stays under the upstream's quota. Every limit is optional (unset:
 * none); each upstream attempt, retries included, counts one request, and its tokens are reserved (prompt estimate
 * and allowed output) and corrected by the real usage when the attempt ends.
 */
public interface ProviderLimitsConfig {

    /** The largest per-minute limit the state store counts exactly (2^52). */
    long MAX_LIMIT = 1L << 52;

    /** Requests per minute to this provider as a whole, all its models together. */
    Optional<@Min(1) @Max(MAX_LIMIT) Long> rpm();

    /** Tokens (prompt and output) per minute to this provider as a whole. */
    Optional<@Min(1) @Max(MAX_LIMIT) Long> tpm();

    /**
     * Limits of one deployment (a model of this provider, by the name the provider knows it by), on top of the
     * provider's: {@code wormhole.providers.<id>.limits.deployments."<model>".rpm}.
     */
    Map<String, DeploymentLimits> deployments();

    /** The per-minute limits of one deployment. */
    interface DeploymentLimits {

        /** Requests per minute to this model of the provider. */
        Optional<@Min(1) @Max(MAX_LIMIT) Long> rpm();

        /** Tokens (prompt and output) per minute to this model of the provider. */
        Optional<@Min(1) @Max(MAX_LIMIT) Long> tpm();
    }
}
