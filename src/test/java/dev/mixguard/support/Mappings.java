package dev.mixguard.support;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** Builds a {@code @ConfigMapping} interface from a map of properties, defaults applied, without Quarkus. */
public final class Mappings {

    private Mappings() {
    }

    /** The {@code type} mapping as the service would see it with exactly {@code properties} set. */
    public static <T> T of(Class<T> type, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(type)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(type);
    }
}
