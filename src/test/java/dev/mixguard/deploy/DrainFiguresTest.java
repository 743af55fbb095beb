package dev.mixguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The drain figures the docs and the Deployment's comments give (drain delay, shutdown timeout, their sum, the
 * grace period) are the ones application.properties and the Deployment set, so they cannot drift apart again.
 */
class DrainFiguresTest {

    /** A figure in the text, and what it must equal given the delay, timeout and grace period in seconds. */
    private record Figure(Pattern pattern, ToLongFunction<long[]> expected) {
    }

    private static final List<Figure> FIGURES = List.of(
            figure("drain delay \\((\\d+) s", f -> f[0]),
            figure("`quarkus\\.shutdown\\.delay` \\((\\d+) s\\)", f -> f[0]),
            figure("\\| `quarkus\\.shutdown\\.delay` \\| `(\\d+)s` \\|", f -> f[0]),
            figure("shutdown timeout \\((?:at most )?(\\d+) s\\)", f -> f[1]),
            figure("`quarkus\\.shutdown\\.timeout` \\((\\d+) s\\)", f -> f[1]),
            figure("\\| `quarkus\\.shutdown\\.timeout` \\| `(\\d+)s` \\|", f -> f[1]),
            figure("above their sum \\((\\d+) s\\)", f -> f[0] + f[1]),
            figure("worst case is (\\d+) s", f -> f[0] + f[1]),
            figure("(\\d+) \\+ \\d+ s leaves", f -> f[0]),
            figure("\\d+ \\+ (\\d+) s leaves", f -> f[1]),
            figure("s leaves (\\d+) s of the", f -> f[2] - f[0] - f[1]),
            figure("of the (\\d+) s grace period", f -> f[2]),
            figure("terminationGracePeriodSeconds: (\\d+)` and", f -> f[2]),
            figure("\\d+ s of sleep \\+ (\\d+) s delay", f -> f[0]),
            figure("s delay \\+ (\\d+) s timeout", f -> f[1]));

    @Test
    void everyDrainFigureInTheDocsIsTheOneTheServiceAndTheDeploymentSet() throws IOException {
        long grace = Deploy.object("k8s/base", "Deployment").at("/spec/template/spec/terminationGracePeriodSeconds")
                .asLong();
        long[] actual = {Deploy.facts().shutdownDelay().toSeconds(), Deploy.facts().shutdownTimeout().toSeconds(),
                grace};
        List<String> wrong = new ArrayList<>();
        for (String file : List.of("README.md", "deploy/README.md", "deploy/k8s/base/deployment.yaml")) {
            String text = prose(Files.readString(Deploy.ROOT.resolve(file)));
            int found = 0;
            for (Figure figure : FIGURES) {
                Matcher m = figure.pattern().matcher(text);
                while (m.find()) {
                    found++;
                    long expected = figure.expected().applyAsLong(actual);
                    if (Long.parseLong(m.group(1)) != expected) {
                        wrong.add(file + ": \"" + m.group() + "\" expected " + expected + ", found " + m.group(1));
                    }
                }
            }
            assertTrue(found > 0, file + ": expected drain figures to check, found none");
        }
        assertEquals(List.of(), wrong, "drain figures against application.properties " + Map.of("delay s",
                actual[0], "timeout s", actual[1], "grace s", actual[2]));
    }

    /** The text with YAML comment marks and line breaks folded into single spaces, so a phrase may span lines. */
    private static String prose(String text) {
        return text.replaceAll("(?m)^\\s*#\\s?", "").replaceAll("\\s+", " ");
    }

    private static Figure figure(String regex, ToLongFunction<long[]> expected) {
        return new Figure(Pattern.compile(regex), expected);
    }
}
