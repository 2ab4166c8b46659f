package dev.runbot.provisioner.chart;

import static dev.runbot.provisioner.chart.ChartObjects.annotations;
import static dev.runbot.provisioner.chart.ChartObjects.at;
import static dev.runbot.provisioner.chart.ChartObjects.byKind;
import static dev.runbot.provisioner.chart.ChartObjects.labels;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus finds runbot's {@code /prometheus} either by the pods' scrape annotations or by a
 * ServiceMonitor, and both point at the port the container really serves.
 */
class RunbotChartMetricsTest {

    @TempDir Path work;

    @Test
    void podsCarryScrapeAnnotationsForTheContainersOwnPortAndThereIsNoServiceMonitorByDefault() {
        List<Map<String, Object>> objects = RunbotChart.render(RunbotChart.minimalValues(), work);
        Map<String, Object> pod = ChartObjects.cast(at(byKind(objects, "Deployment"), "spec.template"));
        Map<String, Object> port = ChartObjects.cast(at(pod, "spec.containers.0.ports.0"));

        assertThat(annotations(pod)).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/prometheus")
                .containsEntry("prometheus.io/port", String.valueOf(port.get("containerPort")));
        assertThat(RunbotChart.all(objects, "ServiceMonitor")).isEmpty();
    }

    @Test
    void scrapeAnnotationsMayBeTurnedOff() {
        Map<String, Object> values = RunbotChart.minimalValues();
        values.put("metrics", Map.of("podAnnotations", false));

        Map<String, Object> pod = ChartObjects.cast(
                at(byKind(RunbotChart.render(values, work), "Deployment"), "spec.template"));

        assertThat(annotations(pod)).doesNotContainKeys("prometheus.io/scrape", "prometheus.io/path");
    }

    @Test
    void aServiceMonitorSelectsRunbotsServiceByItsPortNameWithTheOperatorsLabels() {
        Map<String, Object> values = RunbotChart.minimalValues();
        values.put("metrics", Map.of("serviceMonitor",
                Map.of("enabled", true, "interval", "15s", "labels", Map.of("release", "kube-prometheus-stack"))));

        List<Map<String, Object>> objects = RunbotChart.render(values, work);
        Map<String, Object> monitor = byKind(objects, "ServiceMonitor");
        Map<String, Object> service = byKind(objects, "Service");

        assertThat(at(monitor, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(labels(monitor)).containsEntry("release", "kube-prometheus-stack");
        assertThat(labels(service)).containsAllEntriesOf(ChartObjects.cast(at(monitor, "spec.selector.matchLabels")));
        assertThat(at(monitor, "spec.endpoints.0.port")).isEqualTo(at(service, "spec.ports.0.name"));
        assertThat(at(monitor, "spec.endpoints.0.path")).isEqualTo("/prometheus");
        assertThat(at(monitor, "spec.endpoints.0.interval")).isEqualTo("15s");
    }
}
