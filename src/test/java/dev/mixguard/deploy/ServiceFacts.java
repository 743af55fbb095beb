package dev.mixguard.deploy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the service really serves, derived from its own sources: the HTTP port, health routes and shutdown drain
 * that application.properties (or Quarkus' defaults) give, and the config keys of its {@code @ConfigMapping} types.
 */
final class ServiceFacts {

    static final String CONFIG_PACKAGE = "dev.mixguard.config";

    private final Properties properties;
    private final List<String> configKeys;

    private ServiceFacts(Properties properties, List<String> configKeys) {
        this.properties = properties;
        this.configKeys = configKeys;
    }

    /** Reads the facts of the checkout at {@code root}. */
    static ServiceFacts load(Path root) throws IOException, ClassNotFoundException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return new ServiceFacts(properties, configKeys(root.resolve("src/main/java/dev/mixguard/config")));
    }

    /** The port Quarkus listens on in production. */
    int httpPort() {
        return Integer.parseInt(value("quarkus.http.port", "8080").trim());
    }

    /** Health routes by kind ({@code live}, {@code ready}, {@code started}), as Quarkus composes them. */
    Map<String, String> healthRoutes() {
        String health = healthRoot();
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("live", under(health, value("quarkus.smallrye-health.liveness-path", "live")));
        routes.put("ready", under(health, value("quarkus.smallrye-health.readiness-path", "ready")));
        routes.put("started", under(health, value("quarkus.smallrye-health.startup-path", "started")));
        return routes;
    }

    /** The health root, e.g. {@code /q/health}. */
    String healthRoot() {
        String root = value("quarkus.http.root-path", "/");
        String management = under(root, value("quarkus.http.non-application-root-path", "q"));
        return under(management, value("quarkus.smallrye-health.root-path", "health"));
    }

    /**
     * The drain delay on SIGTERM ({@code quarkus.shutdown.delay}): readiness DOWN while requests are still served;
     * zero unless the build-time {@code quarkus.shutdown.delay-enabled} is set.
     */
    Duration shutdownDelay() {
        boolean enabled = Boolean.parseBoolean(value("quarkus.shutdown.delay-enabled", "false").trim());
        return enabled ? duration("quarkus.shutdown.delay") : Duration.ZERO;
    }

    /** How long requests in flight then get before the service exits ({@code quarkus.shutdown.timeout}). */
    Duration shutdownTimeout() {
        return duration("quarkus.shutdown.timeout");
    }

    /** Whether {@code key} (e.g. {@code mixguard.models.dir}) is a key the service reads. */
    boolean isConfigKey(String key) {
        return configKeys.stream().anyMatch(k -> keyPattern(k, "[^.]+").matcher(key).matches());
    }

    /** Whether the environment variable {@code name} maps onto a key the service reads. */
    boolean isConfigEnv(String name) {
        return configKeys.stream().map(ServiceFacts::envName)
                .anyMatch(k -> keyPattern(k, "[A-Z0-9_]+").matcher(name).matches());
    }

    /** Every key of the config mappings; {@code *} stands for a map key. */
    List<String> configKeys() {
        return Collections.unmodifiableList(configKeys);
    }

    /** SmallRye Config's environment-variable form of a key: upper case, every other character an underscore. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9*]", "_");
    }

    private String value(String key, String fallback) {
        return properties.getProperty("%prod." + key, properties.getProperty(key, fallback));
    }

    /** A duration in Quarkus' own syntax (e.g. {@code 15s}, {@code PT15S}); zero when unset (Quarkus' default). */
    private Duration duration(String key) {
        String text = value(key, "").trim();
        return text.isEmpty() ? Duration.ZERO : DurationConverter.parseDuration(text);
    }

    /** Quarkus' rule: a path starting with "/" is absolute, anything else is relative to its parent. */
    private static String under(String parent, String path) {
        String joined = path.startsWith("/") ? path : parent + "/" + path;
        return ("/" + joined).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    private static Pattern keyPattern(String key, String wildcard) {
        return Pattern.compile(Pattern.quote(key).replace("*", "\\E" + wildcard + "\\Q"));
    }

    private static List<String> configKeys(Path sources) throws IOException, ClassNotFoundException {
        List<String> keys = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(sources)) {
            files = listing.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String simpleName = file.getFileName().toString().replace(".java", "");
            Class<?> type = Class.forName(CONFIG_PACKAGE + "." + simpleName, false, ServiceFacts.class.getClassLoader());
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping != null) {
                collect(mapping.prefix(), type, keys);
            }
        }
        return List.copyOf(new TreeSet<>(keys));
    }

    private static void collect(String prefix, Class<?> type, List<String> keys) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName rename = method.getAnnotation(WithName.class);
            String key = prefix + "." + (rename != null ? rename.value() : kebab(method.getName()));
            Class<?> returned = method.getReturnType();
            if (Map.class.isAssignableFrom(returned)) {
                Class<?> values = (Class<?>) ((ParameterizedType) method.getGenericReturnType())
                        .getActualTypeArguments()[1];
                addOrDescend(key + ".*", values, keys);
            } else {
                addOrDescend(key, returned, keys);
            }
        }
    }

    private static void addOrDescend(String key, Class<?> type, List<String> keys) {
        if (type.isInterface() && type.getPackageName().equals(CONFIG_PACKAGE)) {
            collect(key, type, keys);
        } else {
            keys.add(key);
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
