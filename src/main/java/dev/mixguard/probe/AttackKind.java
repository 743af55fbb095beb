package dev.mixguard.probe;

import dev.mixguard.model.ImageShape;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The black-box searches a probe can run, by the name requests use, each naming the proposer it draws from. */
public enum AttackKind {

    /** AutoAttack's Square attack: squares of one colour per channel (L-inf) or of opposite sign (L2). */
    SQUARE {
        @Override
        Proposer proposer(ImageShape shape, AttackSettings settings) {
            return settings.norm() == Norm.LINF ? new SquareLinf(shape, settings.epsilon(), settings.pInit())
                    : new SquareL2(shape, settings.epsilon(), settings.pInit());
        }
    },
    /** Uniform samples in the ball: the baseline (p_init is unused). */
    NOISE {
        @Override
        Proposer proposer(ImageShape shape, AttackSettings settings) {
            return new UniformNoise(settings.norm(), settings.epsilon());
        }
    };

    /** Where this search's candidates come from on images of {@code shape}. */
    abstract Proposer proposer(ImageShape shape, AttackSettings settings);

    /** The name requests and answers use: "square" or "noise". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code text} (any case); throws IllegalArgumentException naming the known ones. */
    public static AttackKind parse(String text) {
        for (AttackKind kind : values()) {
            if (kind.id().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("expected " + Arrays.stream(values()).map(k -> "\"" + k.id() + "\"")
                .collect(Collectors.joining(" or ")) + ", found \"" + text + "\"");
    }
}
