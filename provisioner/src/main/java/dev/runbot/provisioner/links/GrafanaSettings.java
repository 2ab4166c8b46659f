package dev.runbot.provisioner.links;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where an environment's logs and metrics are ({@code runbot.grafana.*}).
 *
 * @param url            Grafana's base URL; unset means no links
 * @param lokiDatasource the uid of the Loki data source the logs link queries
 * @param dashboardUid   the dashboard the metrics link opens, with {@code var-namespace}
 */
@ConfigurationProperties("runbot.grafana")
public record GrafanaSettings(
        @Nullable String url,
        @Bindable(defaultValue = "loki") String lokiDatasource,
        @Bindable(defaultValue = "runbot-env") String dashboardUid) {
}
