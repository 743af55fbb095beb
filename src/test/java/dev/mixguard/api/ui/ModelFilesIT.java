package dev.mixguard.api.ui;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The sample and probe-set routes again, against the packaged application. */
@QuarkusIntegrationTest
class ModelFilesIT extends ModelFilesTest {
}
