package dev.wormhole.tool;

import jakarta.inject.Singleton;

import io.vertx.core.Vertx;

/** Test tool {@code nap_tool}: {@link SleepTool} under a short timeout and a bulkhead of one (see UpstreamMock). */
@Singleton
public class NapTool extends SleepTool {

    NapTool(Vertx vertx) {
        super(vertx);
    }

    @Override
    public String name() {
        return "nap_tool";
    }
}
