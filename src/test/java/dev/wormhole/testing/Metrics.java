package dev.wormhole.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;

/** The gateway's Prometheus scrape, read the way a dashboard query would: a metric summed over matching labels. */
public final class Metrics {

    private Metrics() {
    }

    /** The current {@code /q/metrics} text. */
    public static String scrape() {
        return RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The sum of {@code metric} over every series whose labels contain all of {@code labels} (each written as in
     * the scrape, {@code name="value"}); NaN when no series matches.
     */
    public static double sample(String scrape, String metric, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                total += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }

    /** Like {@link #sample}, with 0 for a series that does not exist yet (before any traffic). */
    public static double count(String scrape, String metric, String... labels) {
        double value = sample(scrape, metric, labels);
        return Double.isNaN(value) ? 0 : value;
    }
}
