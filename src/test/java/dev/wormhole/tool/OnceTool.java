package dev.wormhole.tool;

import jakarta.enterprise.context.ApplicationScoped;

/** Test tool {@code once_tool}: {@link FlakyTool}'s behaviour, but not idempotent, so never retried. */
@ApplicationScoped
public class OnceTool extends FlakyTool {

    @Override
    public String name() {
        return "once_tool";
    }

    @Override
    public boolean idempotent() {
        return false;
    }
}
