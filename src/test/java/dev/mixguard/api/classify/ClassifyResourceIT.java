package dev.mixguard.api.classify;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The classify tests again, against the packaged application started from target/quarkus-app. */
@QuarkusIntegrationTest
class ClassifyResourceIT extends ClassifyResourceTest {
}
