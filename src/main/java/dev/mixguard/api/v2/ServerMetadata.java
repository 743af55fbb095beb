package dev.mixguard.api.v2;

import java.util.List;

/** GET /v2: the server's name, version and the protocol extensions it supports. */
public record ServerMetadata(String name, String version, List<String> extensions) {

    /** Triton's extensions this server implements. */
    static final List<String> EXTENSIONS = List.of("classification", "binary_tensor_data");
}
