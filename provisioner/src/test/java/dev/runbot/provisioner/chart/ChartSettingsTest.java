package dev.runbot.provisioner.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator gets from {@code runbot.chart.*}, unset and set. */
class ChartSettingsTest {

    @TempDir Path dataDir;

    @Test
    void unsetPropertiesBindToTheDocumentedDefaults() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "runbot.data-dir", dataDir.toString(), "runbot.kubernetes.dry-run", "true"))) {
            assertThat(context.getBean(ChartSettings.class)).isEqualTo(ChartFixtures.settings());
        }
    }

    @Test
    void everyPropertyBindsFromItsKebabCaseName() {
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("runbot.data-dir", dataDir.toString()),
                Map.entry("runbot.kubernetes.dry-run", "true"),
                Map.entry("runbot.chart.ingress-class", "nginx"),
                Map.entry("runbot.chart.tls-secret", "wildcard-tls"),
                Map.entry("runbot.chart.cluster-issuer", "letsencrypt"),
                Map.entry("runbot.chart.ingress-namespace", "ingress-nginx"),
                Map.entry("runbot.chart.observability-namespace", "observability"),
                Map.entry("runbot.chart.database-cpu", "500m"),
                Map.entry("runbot.chart.database-memory", "1Gi"),
                Map.entry("runbot.chart.database-storage", "5Gi"),
                Map.entry("runbot.chart.database-storage-class", "fast-ssd"),
                Map.entry("runbot.chart.postgres-image", "registry.test/postgres:17"),
                Map.entry("runbot.chart.mariadb-image", "registry.test/mariadb:11"),
                Map.entry("runbot.chart.redis-image", "registry.test/redis:7"));

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(ChartSettings.class)).isEqualTo(new ChartSettings(null, "nginx", "wildcard-tls",
                    "letsencrypt", "ingress-nginx", "observability", "500m", "1Gi", "5Gi", "fast-ssd",
                    "registry.test/postgres:17", "registry.test/mariadb:11", "registry.test/redis:7"));
        }
    }
}
