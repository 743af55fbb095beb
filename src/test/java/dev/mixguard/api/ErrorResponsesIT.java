package dev.mixguard.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The error-response tests again, against the packaged application. */
@QuarkusIntegrationTest
class ErrorResponsesIT extends ErrorResponsesTest {
}
