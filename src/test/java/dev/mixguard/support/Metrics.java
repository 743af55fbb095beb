package dev.mixguard.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** One scrape of /q/metrics, read as "name{labels}" to value. */
public final class Metrics {

    private final Map<String, Double> samples = new HashMap<>();

    private Metrics(String text) {
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
    }

    /** Scrapes the running service. */
    public static Metrics scrape() {
        return new Metrics(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of {@code sample} (e.g. {@code nv_inference_count{model="m",version="1"}}); fails when absent. */
    public double value(String sample) {
        Double value = samples.get(sample);
        if (value == null) {
            throw new AssertionError("expected the sample " + sample + " in /q/metrics, found only "
                    + samples.keySet().stream().filter(k -> k.startsWith(sample.split("\\{")[0])).toList());
        }
        return value;
    }

    /** The value of {@code sample}, or {@code absent} when the service has not reported it yet. */
    public double valueOr(String sample, double absent) {
        return samples.getOrDefault(sample, absent);
    }

    /** How much {@code sample} grew since {@code before}. */
    public double since(Metrics before, String sample) {
        return value(sample) - before.value(sample);
    }

    /**
     * A sample of the bundled model, labels as Prometheus writes them: sorted by name, with a histogram's
     * {@code le} last; e.g. {@code model("nv_inference_count")} or {@code model("x_bucket", "le", "1.0")}.
     */
    public static String model(String name, String... extraLabels) {
        Map<String, String> labels = new TreeMap<>(Map.of("model", BundledModel.NAME, "version", "1"));
        String le = null;
        for (int i = 0; i < extraLabels.length; i += 2) {
            if (extraLabels[i].equals("le")) {
                le = extraLabels[i + 1];
            } else {
                labels.put(extraLabels[i], extraLabels[i + 1]);
            }
        }
        StringJoiner text = new StringJoiner(",", name + "{", "}");
        labels.forEach((key, value) -> text.add(key + "=\"" + value + "\""));
        if (le != null) {
            text.add("le=\"" + le + "\"");
        }
        return text.toString();
    }
}
