package dev.mixguard.edge;

import static dev.mixguard.support.ErrorBodies.assertErrorBody;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** A multipart body the parser gives up on gets 413 or 400 naming the limit or the fault, and its connection closes. */
@QuarkusTest
class MultipartFailuresTest {

    private static final String CLASSIFY = "/v1/models/" + BundledModel.NAME + "/classify";
    private static final String PROBE = "/v1/models/" + BundledModel.NAME + "/probe";

    @Test
    void morePartsThanTheParserTakesIs413NamingTheRoutesImageLimit() {
        Response classify = post(CLASSIFY, MultipartFlood.manyParts(3000));
        assertErrorBody(classify, 413, "expected at most 64 images per request (mixguard.limits.max-batch), found "
                + "more than 1024 parts");
        assertEquals("close", classify.header("Connection"), "the connection closes after the answer");
        assertErrorBody(post(PROBE, MultipartFlood.manyParts(3000)), 413, "expected exactly one image to probe");
    }

    @Test
    void textFieldsWithoutImagesBelowTheParserLimitAre400() {
        assertErrorBody(post(CLASSIFY, MultipartFlood.manyParts(100)), 400, "expected at least one image, found none");
    }

    @Test
    void aFieldOverTheAttributeLimitIs413NamingThatLimit() {
        assertErrorBody(post(CLASSIFY, MultipartFlood.bigField(5000)), 413,
                "at most 2048 bytes (quarkus.http.limits.max-form-attribute-size)");
    }

    @Test
    void aPartWithoutContentDispositionIs400() {
        assertErrorBody(post(CLASSIFY, MultipartFlood.noDisposition()), 400,
                "expected every part to carry Content-Disposition: form-data; name=\"image\", found a part "
                        + "without a name");
    }

    @Test
    void aBodyCutBeforeItsClosingBoundaryIs400() {
        assertErrorBody(post(CLASSIFY, MultipartFlood.cutShort()), 400,
                "expected the multipart body to end with its closing boundary");
    }

    private static Response post(String path, byte[] body) {
        return given().contentType(MultipartFlood.CONTENT_TYPE).body(body).when().post(path);
    }
}
