package dev.mixguard.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks Kubernetes objects against the API's schema, as fabric8's generated model classes carry it: every field
 * must exist at its place and have the right type. The model classes keep unknown fields in a catch-all map,
 * which this mapper switches off, so that a misspelled field fails instead of vanishing. KServe's objects have
 * no model here; their containers and resources are checked as core types.
 */
final class SchemaChecks {

    private static final Map<String, Class<?>> TYPES = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 PersistentVolumeClaim", PersistentVolumeClaim.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
    private static final String KSERVE = "serving.kserve.io/";

    private final ObjectMapper strict = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule().setDeserializerModifier(new NoCatchAll()))
            .build();

    /** Problems of every object, each naming the object, the field path and what the schema expected. */
    List<String> problems(List<Manifest> objects) {
        List<String> problems = new ArrayList<>();
        for (Manifest m : objects) {
            String apiVersion = m.doc().path("apiVersion").asText();
            Class<?> type = TYPES.get(apiVersion + " " + m.kind());
            if (type != null) {
                check(m.where(), m.doc(), type, problems);
            } else if (apiVersion.startsWith(KSERVE)) {
                kserve(m, problems);
            } else {
                problems.add(m.where() + ": expected one of the kinds " + TYPES.keySet() + " or a KServe kind, found "
                        + apiVersion + " " + m.kind());
            }
        }
        return problems;
    }

    private void kserve(Manifest m, List<String> problems) {
        JsonNode containers = m.doc().path("spec").path("containers");
        for (int i = 0; i < containers.size(); i++) {
            check(m.where() + " spec.containers[" + i + "]", containers.get(i), Container.class, problems);
        }
        JsonNode model = m.doc().path("spec").path("predictor").path("model");
        if (model.has("resources")) {
            check(m.where() + " spec.predictor.model.resources", model.path("resources"), ResourceRequirements.class,
                    problems);
        }
    }

    private void check(String where, JsonNode node, Class<?> type, List<String> problems) {
        try {
            strict.treeToValue(node, type);
        } catch (JsonMappingException e) {
            problems.add(where + ": expected the " + type.getSimpleName() + " schema, found " + e.getOriginalMessage()
                    .lines().findFirst().orElse("") + " at " + path(e));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(where + ": expected the " + type.getSimpleName() + " schema, found " + e.getMessage());
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    /** Drops the catch-all setter of every bean, so that unknown properties reach FAIL_ON_UNKNOWN_PROPERTIES. */
    private static final class NoCatchAll extends BeanDeserializerModifier {
        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                BeanDeserializerBuilder builder) {
            builder.setAnySetter(null);
            return builder;
        }
    }
}
