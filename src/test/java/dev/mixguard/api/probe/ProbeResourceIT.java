package dev.mixguard.api.probe;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The probe tests again, against the packaged application started from target/quarkus-app. */
@QuarkusIntegrationTest
class ProbeResourceIT extends ProbeResourceTest {
}
