package dev.mixguard.deploy;

import static dev.mixguard.deploy.ProblemAssertions.assertReported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles under deploy/ expose the service's port, copy files that exist from one build with the ONNX
 * Runtime jar that build writes, and run their final stage on a runtime image as a non-root user with an
 * entrypoint that exits on OutOfMemoryError. No Docker engine runs on the development machines; CI also starts
 * the JVM image's layout as UID 1001 (deploy/check-image-layout.sh).
 */
class DockerfilesTest {

    private static final Path DEPLOY = Deploy.DEPLOY;
    private static final List<String> DOCKERFILES = List.of("Dockerfile.jvm", "Dockerfile.gpu", "Dockerfile.native",
            "Dockerfile.jetson");
    private static final List<String> ALLOW_ALL = List.of("*", "!target/quarkus-app/", "!target-gpu/quarkus-app/",
            "!models/fashion-mnist/", "!deploy/run-jvm.sh");

    @Test
    void everyDockerfileExposesThePortCopiesOneBuildAndRunsAsItShould() throws IOException {
        DockerfileChecks checks = new DockerfileChecks(Deploy.facts(), Deploy.ROOT);
        List<String> problems = new ArrayList<>();
        for (String name : DOCKERFILES) {
            Path ignore = DEPLOY.resolve(name + ".dockerignore");
            List<String> allowList = Files.exists(ignore) ? Files.readAllLines(ignore) : List.of();
            problems.addAll(checks.check(name, Files.readString(DEPLOY.resolve(name)), allowList));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void runJvmShStartsJavaWithExitOnOutOfMemoryError() throws IOException {
        String script = Files.readString(DEPLOY.resolve(ImageRules.RUN_JVM));
        String exec = script.substring(script.indexOf("exec java"));
        exec = exec.substring(0, exec.indexOf(" -jar "));
        assertTrue(exec.contains(ImageRules.EXIT_ON_OOM), "expected " + ImageRules.EXIT_ON_OOM + " in " + exec);
    }

    @Test
    void aDockerfileCopyingAMissingFolderOrExposingAnotherPortIsReported() throws IOException {
        List<String> problems = check("FROM scratch\nCOPY models/no-such-model/ /m/\nEXPOSE 9090\n", "!models/no-such-model/");
        assertReported("expected a file or folder in the repository", problems);
        assertReported("expected EXPOSE", problems);
    }

    @Test
    void theCpuOrtGlobOnTheGpuBuildAndFilesOfTwoBuildsAreReported() throws IOException {
        List<String> problems = check("""
                FROM eclipse-temurin:17-jre
                COPY target-gpu/quarkus-app/lib/main/com.microsoft.onnxruntime.onnxruntime-*.jar /ort/
                COPY target/quarkus-app/app/ /deployments/app/
                USER 1001
                EXPOSE 8080
                ENTRYPOINT ["/deployments/bin/run-jvm.sh"]
                """);
        assertReported("expected to match com.microsoft.onnxruntime.onnxruntime_gpu-", problems);
        assertReported("expected the files of one build output, found [target-gpu/, target/]", problems);
        assertEquals(2, problems.size(), "found " + problems);
    }

    @Test
    void aFinalStageOnTheJetPackImageAsRootWithoutExitOnOutOfMemoryIsReported() throws IOException {
        List<String> problems = check("""
                ARG L4T_IMAGE=nvcr.io/nvidia/l4t-jetpack:r36.4.0
                FROM ${L4T_IMAGE}
                USER 1001
                RUN /deployments/bin/appcds-train.sh
                EXPOSE 8080
                ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
                """);
        assertReported("on a runtime image, found the build image nvcr.io/nvidia/l4t-jetpack:r36.4.0", problems);
        assertReported("expected a non-root USER after the last RUN, found USER 1001 before a RUN", problems);
        assertReported("expected an ENTRYPOINT with -XX:+ExitOnOutOfMemoryError or run-jvm.sh", problems);
    }

    private static List<String> check(String dockerfile, String... allowed) throws IOException {
        List<String> allowList = new ArrayList<>(ALLOW_ALL);
        allowList.addAll(List.of(allowed));
        return new DockerfileChecks(Deploy.facts(), Deploy.ROOT).check("Dockerfile.test", dockerfile, allowList);
    }
}
