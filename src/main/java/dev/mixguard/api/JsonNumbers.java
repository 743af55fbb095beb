package dev.mixguard.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Lets the service's ObjectMapper read and write decimal numbers with Jackson's own fast, exactly rounding
 * routines (FastDoubleParser to read, Schubfach to write) instead of going through a String and the JDK's
 * {@code Float.parseFloat}: a v2 or v1 tensor carries hundreds of decimals per image, and that detour was the
 * largest cost of a JSON infer request (bench/results/profile-before-v2-json.md). The values are the same.
 */
@Singleton
public class JsonNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
        mapper.getFactory().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    }
}
