package dev.runbot.provisioner.chart;

import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.config.PreviewConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Settings, repository configurations and rendering shared by the chart tests. */
final class ChartFixtures {

    private ChartFixtures() {
    }

    /** The defaults of {@code runbot.chart.*}, as ChartSettingsTest checks Micronaut binds them. */
    static ChartSettings settings() {
        return settings(null, "traefik", null, null);
    }

    static ChartSettings settings(Path dir, String ingressClass, String tlsSecret, String clusterIssuer) {
        return new ChartSettings(dir, ingressClass, tlsSecret, clusterIssuer, "kube-system", "monitoring",
                "250m", "256Mi", "1Gi", null, "postgres:17-alpine", "mariadb:11", "redis:7-alpine");
    }

    /** The repository's defaults with other databases, env and app resources. */
    static PreviewConfig config(List<Database> databases, Map<String, String> env, PreviewConfig.Resources resources) {
        PreviewConfig d = PreviewConfig.defaults(HelmChartRendererTest.PR_42.repository());
        return new PreviewConfig(d.project(), d.image(), d.tag(), d.fallbackTag(), d.port(), d.healthPath(), d.ttl(),
                d.autoDeploy(), d.label(), databases, env, resources, d.allowedOverrides(), d.slackChannel(),
                d.urlSuffix(), d.seed());
    }

    static String render(Path dataDir, ChartSettings settings, RenderRequest request) {
        ChartLocation location = new ChartLocation(settings, new RunbotSettings(dataDir, "preview.test"));
        return new HelmChartRenderer(location, settings).render(request).manifest();
    }

    /** The documents of a rendered manifest, as the plain maps a YAML parser reads. */
    static List<Map<String, Object>> parse(String manifest) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(manifest)) {
            if (document != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) document;
                objects.add(object);
            }
        }
        return objects;
    }
}
