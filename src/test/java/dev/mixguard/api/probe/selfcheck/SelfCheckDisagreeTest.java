package dev.mixguard.api.probe.selfcheck;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Leaks;
import dev.mixguard.support.ModelFolders;
import dev.mixguard.support.SpecRewrite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Copies of the bundled model whose probe-set record is wrong: a recorded clean count one below what the engine
 * gets right answers "disagree" with both numbers; a model without a probe set answers 404, and a record that
 * counts more images than the IDX files hold, or one that is not JSON, answers 500, each naming what was expected.
 */
@QuarkusTest
@TestProfile(SelfCheckDisagreeTest.WrongRecords.class)
class SelfCheckDisagreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDED = BundledModel.json("probe-set.json").get("pytorch_correct").asInt();
    private static final String[] PROBE_SET = {"probe-images.idx", "probe-labels.idx"};

    /**
     * fashion-mnist recording one image fewer; no-probe-set without one; broken-record counting 2000 images;
     * unreadable-record whose record is not JSON.
     */
    public static class WrongRecords implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "self-check-models");
                Path model = ModelFolders.withBundled(ModelFolders.copy(dir, BundledModel.NAME,
                        ModelFolders.Edit.NONE), PROBE_SET);
                writeRecord(model, "pytorch_correct", RECORDED - 1);
                ModelFolders.copy(dir, "no-probe-set", SpecRewrite.renamed("no-probe-set"));
                writeRecord(withProbeSet(dir, "broken-record"), "count", 2000);
                Files.writeString(withProbeSet(dir, "unreadable-record").resolve("probe-set.json"), "{\"count\": 1,,}");
                return Map.of("mixguard.models.dir", dir.toString(), "mixguard.inference.providers", "cpu");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aRecordedCountTheEngineDoesNotReachIsADisagreementWithBothNumbers() {
        given().when().get(SelfCheckResourceTest.SELF_CHECK).then().statusCode(200)
                .body("agreement", equalTo("disagree"))
                .body("probe_set.recorded_correct", equalTo(RECORDED - 1))
                .body("probe_set.served_correct", equalTo(RECORDED))
                .body("probe_set.predictions_unlike_recorded", equalTo(0))
                .body("summary", equalTo("disagree: classified " + RECORDED + " of the 1000 probe-set images "
                        + "correctly on cpu; PyTorch did " + (RECORDED - 1) + " when the model was packaged"))
                .body("parity", equalTo(null));
    }

    @Test
    void aModelWithoutAProbeSetIs404NamingTheFiles() {
        given().when().get("/v1/models/no-probe-set/self-check").then().statusCode(404)
                .contentType("application/json")
                .body("error", equalTo("model \"no-probe-set\": expected a bundled probe set with its recorded clean "
                        + "count (probe-images.idx, probe-labels.idx, probe-set.json in its folder), found no "
                        + "probe-set.json"));
    }

    @Test
    void aRecordThatIsNotJsonIs500SayingWhereWithoutJavaTypesOrPaths() {
        String body = given().when().get("/v1/models/unreadable-record/self-check").then().statusCode(500)
                .body("error", startsWith("model \"unreadable-record\": probe-set.json expected readable JSON, found: "
                        + "Unexpected character (','"))
                .body("error", endsWith("(line 1, column 13)"))
                .extract().asString();
        Leaks.assertNone("the self-check of a record that is not JSON", body);
    }

    @Test
    void aRecordCountingMoreImagesThanTheFilesHoldIs500NamingTheField() {
        given().when().get("/v1/models/broken-record/self-check").then().statusCode(500)
                .body("error", equalTo("model \"broken-record\": probe-set.json field \"count\": expected an integer "
                        + "1 to 1000, found 2000"));
    }

    private static Path withProbeSet(Path dir, String name) throws IOException {
        return ModelFolders.withBundled(ModelFolders.copy(dir, name, SpecRewrite.renamed(name)), PROBE_SET);
    }

    private static void writeRecord(Path folder, String field, int value) throws IOException {
        ObjectNode record = (ObjectNode) BundledModel.json("probe-set.json");
        record.put(field, value);
        JSON.writeValue(folder.resolve("probe-set.json").toFile(), record);
    }
}
