package dev.mixguard.api.v2;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The v2 infer tests again, against the packaged application started from target/quarkus-app. */
@QuarkusIntegrationTest
class V2InferIT extends V2InferTest {
}
