package dev.runbot.provisioner.chart;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * How preview environments are rendered ({@code runbot.chart.*}).
 *
 * @param dir           a chart directory replacing the built-in {@code preview-env} chart
 * @param ingressClass  the ingress class of every preview host
 * @param tlsSecret     a (wildcard) TLS Secret to serve preview hosts with
 * @param clusterIssuer a cert-manager ClusterIssuer to request certificates from
 */
@ConfigurationProperties("runbot.chart")
public record ChartSettings(
        @Nullable Path dir,
        @Bindable(defaultValue = "traefik") String ingressClass,
        @Nullable String tlsSecret,
        @Nullable String clusterIssuer) {
}
