package dev.wormhole.tool;

/** A tool's own failure, reported to the model (and to a direct caller) as a structured error. */
public class ToolException extends RuntimeException {

    private final boolean transientFault;

    public ToolException(String message) {
        this(message, false);
    }

    /** @param transientFault whether trying again may succeed (counts for the breaker; retried if idempotent) */
    public ToolException(String message, boolean transientFault) {
        super(message, null, false, false);
        this.transientFault = transientFault;
    }

    public boolean isTransient() {
        return transientFault;
    }
}
