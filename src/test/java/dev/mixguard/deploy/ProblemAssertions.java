package dev.mixguard.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Assertions on the problem lists that the deploy/ checks return. */
final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Some problem mentions {@code expected}. */
    static void assertReported(String expected, List<String> problems) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem with \"" + expected
                + "\", found " + problems);
    }
}
