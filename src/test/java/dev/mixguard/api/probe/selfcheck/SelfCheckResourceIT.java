package dev.mixguard.api.probe.selfcheck;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The self-check tests again, against the packaged application. */
@QuarkusIntegrationTest
class SelfCheckResourceIT extends SelfCheckResourceTest {
}
