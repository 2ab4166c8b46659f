package dev.runbot.provisioner.chart;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1LimitRange;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ResourceQuota;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.Map;

/**
 * Reads a rendered object into the official Kubernetes client's typed model, strictly: an
 * unknown field anywhere, a wrong type, or anything the model would drop or change on the way
 * back fails, as the API server would refuse or silently change it.
 */
final class StrictModels {

    /** apiVersion/kind → model: the only kinds the chart may render. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", V1Namespace.class),
            Map.entry("v1/ResourceQuota", V1ResourceQuota.class),
            Map.entry("v1/LimitRange", V1LimitRange.class),
            Map.entry("v1/Secret", V1Secret.class),
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("apps/v1/StatefulSet", V1StatefulSet.class),
            Map.entry("batch/v1/Job", V1Job.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", V1Ingress.class));

    private StrictModels() {
    }

    /** @throws AssertionError naming the object and the first difference */
    static Object read(Map<String, Object> object) {
        String key = object.get("apiVersion") + "/" + object.get("kind");
        String name = key + " \"" + ChartObjects.at(object, "metadata.name") + "\"";
        Class<?> model = MODELS.get(key);
        if (model == null) {
            throw new AssertionError(name + " is not a kind the chart may render: " + MODELS.keySet());
        }
        String json = JSON.getGson().toJson(object);
        Object typed;
        try {
            typed = JSON.deserialize(json, model);
        } catch (RuntimeException e) {
            throw new AssertionError(name + " does not fit " + model.getSimpleName() + ": " + e.getMessage(), e);
        }
        JsonElement original = withoutEmpty(JsonParser.parseString(json));
        JsonElement back = withoutEmpty(JsonParser.parseString(JSON.serialize(typed)));
        if (!original.equals(back)) {
            throw new AssertionError(name + " changes when read as " + model.getSimpleName()
                    + "\n rendered: " + original + "\n typed:    " + back);
        }
        return typed;
    }

    /**
     * The models start some lists and maps empty ({@code metadata.finalizers},
     * {@code podSelector.matchLabels}), which the API reads as absent; so empty ones are left out
     * on both sides, innermost first ({@code podSelector: {}} and {@code {matchLabels: {}}} agree).
     */
    private static JsonElement withoutEmpty(JsonElement element) {
        if (element instanceof JsonObject object) {
            JsonObject result = new JsonObject();
            object.entrySet().forEach(entry -> {
                JsonElement value = withoutEmpty(entry.getValue());
                if (!(value instanceof JsonArray array && array.isEmpty())
                        && !(value instanceof JsonObject map && map.isEmpty())) {
                    result.add(entry.getKey(), value);
                }
            });
            return result;
        }
        if (element instanceof JsonArray array) {
            JsonArray result = new JsonArray();
            array.forEach(item -> result.add(withoutEmpty(item)));
            return result;
        }
        return element;
    }
}
