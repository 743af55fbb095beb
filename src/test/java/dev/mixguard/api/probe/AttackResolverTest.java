package dev.mixguard.api.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixguard.config.ProbeConfig;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.model.ModelSpec;
import dev.mixguard.probe.AttackKind;
import dev.mixguard.probe.Norm;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Defaults come from the spec's threat model and the config; every refusal names expected and found. */
class AttackResolverTest {

    private static final ModelSpec SPEC = FakeModel.spec();
    private static final ProbeConfig CONFIG = defaults();

    @Test
    void defaultsAreTheThreatModelsAndAutoAttacks() {
        ResolvedAttack attack = AttackResolver.resolve(AttackRequest.DEFAULTS, SPEC, CONFIG);
        assertEquals(AttackKind.SQUARE, attack.probe().kind());
        assertEquals(Norm.LINF, attack.settings().norm());
        assertEquals(0.1, attack.settings().epsilon());
        assertEquals(5000, attack.settings().iterations());
        assertEquals(1, attack.settings().restarts());
        assertEquals(0.8, attack.settings().pInit());
        assertEquals(0L, attack.settings().seed());
        assertEquals(5002, attack.view().maxQueriesPerImage(), "the clean pass, the start and 5000 steps");
        assertNull(attack.label());
        assertEquals(1.5, AttackResolver.resolve(request("l2", null, null), SPEC, CONFIG).settings().epsilon(),
                "L2 defaults to the threat model's l2_epsilon");
    }

    @Test
    void badParametersAreRefusedSayingExpectedAndFound() {
        assertRefused("epsilon: expected a positive finite number, found -0.1", request(null, -0.1, null));
        assertRefused("norm: expected norm 'linf' or 'l2', found 'l1'", request("l1", null, null));
        assertRefused("queries: expected 1 + restarts x (queries + 1) <= 20000 (mixguard.probe.max-queries-per-image),"
                + " found 1 + 1 x (20000 + 1) = 20002", request(null, null, 20000));
        assertRefused("queries: expected at least 1, found 0", request(null, null, 0));
        assertRefused("label: expected 0 to 1, found 2",
                new AttackRequest(null, null, null, null, null, null, null, 2));
        assertRefused("attack: expected \"square\" or \"noise\", found \"pgd\"",
                new AttackRequest("pgd", null, null, null, null, null, null, null));
        assertRefused("p_init: expected a number in (0, 1], found 1.5",
                new AttackRequest(null, null, null, null, null, null, 1.5, null));
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> request(null, 0.2, null).merge(request(null, 0.3, null)));
        assertEquals("epsilon: expected it once, as a query parameter or a JSON field, found both (0.3 and 0.2)",
                e.getMessage());
    }

    private static AttackRequest request(String norm, Double epsilon, Integer queries) {
        return new AttackRequest(null, norm, epsilon, queries, null, null, null, null);
    }

    private static void assertRefused(String message, AttackRequest request) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AttackResolver.resolve(request, SPEC, CONFIG));
        assertEquals(message, e.getMessage());
    }

    /** The mapping with only its defaults, built by SmallRye Config alone (no Quarkus). */
    static ProbeConfig defaults() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ProbeConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter()).build();
        return config.getConfigMapping(ProbeConfig.class);
    }
}
