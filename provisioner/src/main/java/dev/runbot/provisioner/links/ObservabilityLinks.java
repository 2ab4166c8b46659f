package dev.runbot.provisioner.links;

import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Builds an environment's Grafana links from server configuration, never by guessing. */
@Singleton
public class ObservabilityLinks {

    private final GrafanaSettings grafana;

    public ObservabilityLinks(GrafanaSettings grafana) {
        this.grafana = grafana;
    }

    /** Grafana Explore on the Loki data source with {@code {namespace="<namespace>"}}. */
    public Optional<String> logs(String namespace) {
        return base().map(url -> {
            String pane = "{\"datasource\":\"" + json(grafana.lokiDatasource()) + "\","
                    + "\"queries\":[{\"refId\":\"A\",\"expr\":\"{namespace=\\\"" + json(namespace) + "\\\"}\"}],"
                    + "\"range\":{\"from\":\"now-1h\",\"to\":\"now\"}}";
            return url + "/explore?orgId=1&left=" + URLEncoder.encode(pane, StandardCharsets.UTF_8);
        });
    }

    /** The environment dashboard with {@code var-namespace=<namespace>}. */
    public Optional<String> metrics(String namespace) {
        return base().map(url -> url + "/d/" + URLEncoder.encode(grafana.dashboardUid(), StandardCharsets.UTF_8)
                + "?var-namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8));
    }

    private Optional<String> base() {
        return Optional.ofNullable(grafana.url())
                .filter(url -> !url.isBlank())
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
