package dev.wormhole.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway (the jar, or the native binary when {@code -Dnative} built one) started as a separate
 * process on a free port, for black-box tests of process life: start-up refusal and graceful shutdown.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: (http://\\S+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<URL> url = new CompletableFuture<>();
    private final Thread reader;

    private GatewayProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the gateway with these system properties (on port 0 unless given). */
    public static GatewayProcess start(Map<String, String> properties) throws IOException {
        List<String> command = new ArrayList<>();
        String nativeBinary = System.getProperty("native.image.path");
        boolean useNative = Boolean.getBoolean("wormhole.it.native") && nativeBinary != null
                && Files.isExecutable(Path.of(nativeBinary));
        if (useNative) {
            command.add(nativeBinary);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        command.add("-Dquarkus.http.port=0");
        if (!properties.containsKey("wormhole.state.file")) {
            // each process its own embedded state file: two gateways cannot share one (the second refuses to start)
            command.add("-Dwormhole.state.file=" + Files.createTempDirectory("wormhole-state").resolve("state.bin"));
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (!useNative) {
            command.add("-jar");
            command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().remove("WORMHOLE_API_KEY");
        builder.environment().remove("WORMHOLE_ADMIN_KEY");
        return new GatewayProcess(builder.start());
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url.complete(new URL(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            url.completeExceptionally(new IllegalStateException("Gateway exited before listening:\n" + output()));
        }
    }

    /** The base URL once the gateway listens. */
    public URL awaitListening(Duration timeout) throws Exception {
        return url.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the process to exit; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Gateway did not exit within " + timeout + ":\n" + output());
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Sends SIGTERM, as an orchestrator does. */
    public void terminate() {
        process.destroy();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far. */
    public String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
