package dev.wormhole.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.wormhole.testing.GatewayProcess;

/**
 * The dashboard in a real headless browser (Debian's {@code chromium} driven through {@code chromium-driver}) against
 * the packaged gateway started as a process: the tables fill from traffic this test sends, a breaker this test
 * opens is shown open, figures change without a reload, and the page logs no console error. The browser signs in
 * as an operator would, with HTTP Basic (the admin key as the password), and reuses those credentials for the
 * page's own calls. Runs only with {@code -Pbrowser} ({@code .ci/run} installs the browser and enables it); under
 * that profile a missing browser fails the test instead of skipping it.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("wormhole.browser.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("wormhole.browser.driver", "/usr/bin/chromedriver"));
    private static final String GATEWAY_KEY = "browser-gateway-key-0123456789";
    private static final String ADMIN_KEY = "browser-admin-key-0123456789";
    private static final String KEY_NAME = "browser-ops";
    private static final String KEY_SECRET = "wh-browser-ops-key-0123456789";
    private static final Duration SOON = Duration.ofSeconds(15);

    private static GatewayProcess gateway;
    private static URL base;
    private static WebDriver driver;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startGatewayAndBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            fail("The browser test needs " + CHROMIUM + " and " + DRIVER + ": apt-get install -y chromium "
                    + "chromium-driver (or run without -Pbrowser)");
        }
        gateway = GatewayProcess.start(Map.ofEntries(
                Map.entry("wormhole.auth.api-keys", GATEWAY_KEY),
                Map.entry("wormhole.auth.admin-key", ADMIN_KEY),
                Map.entry("wormhole.keys." + KEY_NAME + ".secret", KEY_SECRET),
                // A provider nobody listens for: every call fails as unreachable, and two failures open its breaker.
                Map.entry("wormhole.providers.down.dialect", "openai"),
                Map.entry("wormhole.providers.down.base-url", "http://127.0.0.1:1/v1"),
                Map.entry("wormhole.providers.down.retry.max-retries", "0"),
                Map.entry("wormhole.providers.down.circuit-breaker.request-volume", "2"),
                Map.entry("wormhole.providers.down.circuit-breaker.delay", "5m"),
                Map.entry("wormhole.dashboard.refresh", "500ms"),
                Map.entry("quarkus.scheduler.enabled", "false")));
        base = gateway.awaitListening(Duration.ofSeconds(60));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1200", "--no-first-run", "--disable-extensions");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("browser console").isEmpty();
    }

    @Test
    void fillsTheTablesFromTrafficSentByTheTest() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(chat(KEY_SECRET, "simulator/sim-1", null).statusCode()).isEqualTo(200);
        }
        open();
        waitFor(() -> read("usage", KEY_NAME + " simulator/sim-1", "requests").equals("3"));
        assertThat(read("usage", KEY_NAME + " simulator/sim-1", "prompt_tokens")).matches("[1-9][0-9]*");
        waitFor(() -> Long.parseLong(read("traffic", "chat simulator/sim-1", "requests")) >= 3);
        assertThat(read("traffic", "chat simulator/sim-1", "p95_ms")).matches("[0-9]+\\.[0-9]");
        assertThat(read("providers", "simulator", "breaker")).isEqualTo("closed");
        assertThat(read("catalog", "simulator", "state")).isEqualTo("fresh");
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("live");
    }

    @Test
    void showsABreakerOpenOnceTheTestOpensItAndTheErrorsWithTheirRequestIds() throws Exception {
        open();
        waitFor(() -> read("providers", "down", "breaker").equals("closed"));
        String requestId = "browser-" + UUID.randomUUID();
        String answer = "";
        for (int i = 0; i < 5 && !answer.contains("circuit_open"); i++) {
            answer = chat(GATEWAY_KEY, "down/any-model", requestId + "-" + i).body();
        }
        assertThat(answer).contains("circuit_open");
        waitFor(() -> read("providers", "down", "breaker").equals("open"));
        assertThat(read("providers", "down", "breaker", cell -> cell.getAttribute("class"))).isEqualTo("state-open");
        waitFor(() -> !driver.findElements(By.cssSelector("#errors tr[data-key='" + requestId + "-0']")).isEmpty());
        assertThat(read("errors", requestId + "-0", "route")).isEqualTo("POST /v1/chat/completions");
        assertThat(read("errors", requestId + "-0", "status")).matches("5[0-9][0-9]");
    }

    @Test
    void updatesLiveFiguresWithoutAReload() throws Exception {
        assertThat(chat(GATEWAY_KEY, "simulator/sim-1", null).statusCode()).isEqualTo(200);
        open();
        waitFor(() -> !driver.findElements(By.cssSelector("#traffic tr[data-key='chat simulator/sim-1']")).isEmpty());
        ((JavascriptExecutor) driver).executeScript("window.notReloaded = true;");
        long before = Long.parseLong(read("traffic", "chat simulator/sim-1", "requests"));
        String updated = driver.findElement(By.id("updated")).getText();
        for (int i = 0; i < 4; i++) {
            assertThat(chat(GATEWAY_KEY, "simulator/sim-1", null).statusCode()).isEqualTo(200);
        }
        waitFor(() -> Long.parseLong(read("traffic", "chat simulator/sim-1", "requests")) == before + 4);
        assertThat(driver.findElement(By.id("updated")).getText()).isNotEqualTo(updated);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded === true;"))
                .isEqualTo(Boolean.TRUE);
    }

    /** Loads the page as an operator signs in: HTTP Basic with the admin key as the password. */
    private static void open() {
        driver.get("http://operator:" + ADMIN_KEY + "@" + base.getHost() + ":" + base.getPort() + "/dashboard/");
        waitFor(() -> !driver.findElement(By.id("updated")).getText().equals("never"));
    }

    private static HttpResponse<String> chat(String key, String model, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"hi\"}]}"));
        if (requestId != null) {
            request.header("x-request-id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebElement cell(String table, String rowKey, String column) {
        return driver.findElement(By.cssSelector("#" + table + " tr[data-key='" + rowKey + "'] td[data-col='"
                + column + "']"));
    }

    /** The text of a cell, read again when the page re-renders its table in between (the rows are replaced). */
    private static String read(String table, String rowKey, String column) {
        return read(table, rowKey, column, cell -> cell.getText().trim());
    }

    private static String read(String table, String rowKey, String column,
            java.util.function.Function<WebElement, String> what) {
        return new WebDriverWait(driver, SOON).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> what.apply(cell(table, rowKey, column)));
    }

    /** Waits, without reloading, until the page shows what {@code condition} looks for. */
    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, SOON).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(NumberFormatException.class)
                .until(d -> condition.getAsBoolean());
    }
}
