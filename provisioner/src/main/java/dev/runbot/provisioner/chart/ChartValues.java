package dev.runbot.provisioner.chart;

import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentLabels;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the chart values of one environment from server settings, the repository's
 * configuration and the {@code --set} overrides. Overrides are paths under {@code app}
 * ({@code replicas}, {@code env.FEATURE_FLAG}) and always plain strings.
 */
public final class ChartValues {

    private ChartValues() {
    }

    public static Map<String, Object> of(RenderRequest request, ChartSettings settings) {
        Environment environment = request.environment();
        PreviewConfig config = request.config();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("image", environment.image());
        app.put("port", config.port());
        app.put("healthPath", config.healthPath());
        app.put("replicas", 1);
        app.put("env", new TreeMap<>(config.env()));
        app.put("resources", Map.of("cpu", config.resources().cpu(), "memory", config.resources().memory()));
        environment.overrides().forEach((path, value) -> put(app, path, value));

        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("secretName", settings.tlsSecret() == null ? "" : settings.tlsSecret());
        tls.put("clusterIssuer", settings.clusterIssuer() == null ? "" : settings.clusterIssuer());

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("labels", EnvironmentLabels.labels(environment));
        values.put("annotations", EnvironmentLabels.annotations(environment));
        values.put("app", app);
        values.put("ingress", Map.of(
                "host", URI.create(environment.url()).getHost(),
                "className", settings.ingressClass(),
                "tls", tls));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, String value) {
        String[] keys = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object child = node.get(keys[i]);
            if (!(child instanceof Map)) {
                child = new TreeMap<String, Object>();
                node.put(keys[i], child);
            } else {
                child = new TreeMap<>((Map<String, Object>) child);
                node.put(keys[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(keys[keys.length - 1], value);
    }
}
