package dev.runbot.provisioner.chart;

import java.util.List;
import java.util.Map;

/** Reads rendered Kubernetes objects (parsed YAML) by dotted path, for assertions. */
final class ChartObjects {

    private ChartObjects() {
    }

    static String kind(Map<String, Object> object) {
        return (String) object.get("kind");
    }

    static Map<String, Object> byKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(kind(object))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + objects));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> labels(Map<String, Object> object) {
        return (Map<String, String>) at(object, "metadata.labels");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> annotations(Map<String, Object> object) {
        return (Map<String, String>) at(object, "metadata.annotations");
    }

    /** The parsed YAML as the type the caller knows it has. */
    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }

    /** {@code spec.rules.0.host}: map keys and list indexes; null when absent. Keys with dots need {@link #cast}. */
    static Object at(Object root, String path) {
        Object node = root;
        for (String step : path.split("\\.")) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(step);
            } else if (node instanceof List<?> list && step.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(step);
                node = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return node;
    }
}
