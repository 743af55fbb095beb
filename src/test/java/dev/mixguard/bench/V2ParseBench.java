package dev.mixguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.jackson.ObjectMapperCustomizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of reading one v2 infer body into the request record, on one thread, measured with the thread's CPU
 * clock (which other load on a shared machine disturbs far less than wall time): with Jackson as Quarkus sets it
 * up ("plain") and with the service's {@code dev.mixguard.api.JsonNumbers} customizer ("service"), alternating.
 * Run it on the classes of two builds to compare them. Prints one line per round.
 *
 * <pre>java -cp CLASSES:JACKSON_JARS:QUARKUS_JACKSON_JAR dev.mixguard.bench.V2ParseBench BODY.json [ROUNDS]</pre>
 */
public final class V2ParseBench {

    private static final int PARSES = 20_000;

    private V2ParseBench() {
    }

    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Class<?> type = Class.forName("dev.mixguard.api.v2.InferRequest");
        ObjectMapper plain = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        ObjectMapper service = plain.copy();
        boolean customized = customize(service);
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round);
            for (ObjectMapper mapper : customized ? new ObjectMapper[] {plain, service} : new ObjectMapper[] {plain}) {
                long start = clock.getCurrentThreadCpuTime();
                for (int i = 0; i < PARSES; i++) {
                    mapper.readValue(body, type);
                }
                double micros = (clock.getCurrentThreadCpuTime() - start) / 1e3 / PARSES;
                line.append(String.format(" %s %.1f us", mapper == plain ? "plain" : "service", micros));
            }
            System.out.println(line);
        }
    }

    /** Applies the service's JsonNumbers customizer when these classes have it; false for older builds. */
    private static boolean customize(ObjectMapper mapper) throws ReflectiveOperationException {
        try {
            Object customizer = Class.forName("dev.mixguard.api.JsonNumbers").getDeclaredConstructor().newInstance();
            ((ObjectMapperCustomizer) customizer).customize(mapper);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
