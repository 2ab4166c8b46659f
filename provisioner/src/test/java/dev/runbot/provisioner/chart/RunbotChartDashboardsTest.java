package dev.runbot.provisioner.chart;

import static dev.runbot.provisioner.chart.ChartObjects.annotations;
import static dev.runbot.provisioner.chart.ChartObjects.at;
import static dev.runbot.provisioner.chart.ChartObjects.labels;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grafana.dashboards.enabled} ships {@code deploy/grafana}'s dashboards in a ConfigMap that
 * the Grafana chart's sidecar loads by its label, the same files operators would import by hand.
 */
class RunbotChartDashboardsTest {

    private static final Path DASHBOARDS = Path.of("..", "deploy", "grafana").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path work;

    @Test
    void noConfigMapUnlessAsked() {
        List<Map<String, Object>> objects = RunbotChart.render(RunbotChart.minimalValues(), work);

        assertThat(RunbotChart.all(objects, "ConfigMap")).isEmpty();
    }

    @Test
    void theConfigMapHoldsEveryDashboardOfDeployGrafanaAsItIs() throws IOException {
        Map<String, Object> values = RunbotChart.minimalValues();
        RunbotChart.section(values, "grafana").put("dashboards", Map.of("enabled", true));

        List<Map<String, Object>> configMaps = RunbotChart.all(RunbotChart.render(values, work), "ConfigMap");

        assertThat(configMaps).hasSize(1);
        Map<String, Object> configMap = configMaps.get(0);
        assertThat(at(configMap, "metadata.name")).isEqualTo("runbot-dashboards");
        assertThat(at(configMap, "metadata.namespace")).isEqualTo(RunbotChart.NAMESPACE);
        assertThat(labels(configMap)).containsEntry("grafana_dashboard", "1")
                .containsEntry("app.kubernetes.io/name", "runbot");
        Map<String, Object> data = ChartObjects.cast(configMap.get("data"));
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            List<Path> dashboards = files.filter(file -> file.toString().endsWith(".json")).toList();
            assertThat(data.keySet()).containsExactlyInAnyOrderElementsOf(
                    dashboards.stream().map(file -> file.getFileName().toString()).toList());
            for (Path dashboard : dashboards) {
                JsonNode shipped = JSON.readTree((String) data.get(dashboard.getFileName().toString()));
                assertThat(shipped).as(dashboard.getFileName().toString()).isEqualTo(JSON.readTree(dashboard.toFile()));
            }
        }
    }

    @Test
    void theSidecarsNamespaceLabelAndFolderMayBeSet() {
        Map<String, Object> values = RunbotChart.minimalValues();
        RunbotChart.section(values, "grafana").put("dashboards", Map.of("enabled", true, "namespace", "monitoring",
                "label", "grafana-dashboard", "labelValue", "runbot", "annotations", Map.of("grafana_folder", "runbot")));

        Map<String, Object> configMap = RunbotChart.all(RunbotChart.render(values, work), "ConfigMap").get(0);

        assertThat(at(configMap, "metadata.namespace")).isEqualTo("monitoring");
        assertThat(labels(configMap)).containsEntry("grafana-dashboard", "runbot").doesNotContainKey("grafana_dashboard");
        assertThat(annotations(configMap)).containsEntry("grafana_folder", "runbot");
    }
}
