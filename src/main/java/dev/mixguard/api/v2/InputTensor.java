package dev.mixguard.api.v2;

import java.util.List;

/** One input of an infer request with its values resolved from JSON or from the binary part. */
record InputTensor(String name, String datatype, List<Long> shape, float[] values) {
}
