package dev.runbot.provisioner.chart;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * How preview environments are rendered ({@code runbot.chart.*}).
 *
 * @param dir                    a chart directory replacing the built-in {@code preview-env} chart
 * @param ingressClass           the ingress class of every preview host
 * @param tlsSecret              a (wildcard) TLS Secret to serve preview hosts with
 * @param clusterIssuer          a cert-manager ClusterIssuer to request certificates from
 * @param ingressNamespace       the namespace of the ingress controller, the only one besides
 *                               {@code observabilityNamespace} allowed to reach the app (k3s runs Traefik in {@code kube-system})
 * @param observabilityNamespace the namespace of metrics scrapers and trace collectors, allowed in and out
 * @param databaseCpu            CPU request of each database, added to the namespace quota per database
 * @param databaseMemory         memory request and limit of each database, added to the quota per database
 * @param databaseStorage        the volume size of each database, and the largest claim the namespace allows
 * @param databaseStorageClass   the StorageClass of database volumes; unset means the cluster's default
 * @param postgresImage          the image of {@code postgres} databases and of their seed Job
 * @param mariadbImage           the image of {@code mariadb} databases and of their seed Job
 * @param redisImage             the image of {@code redis} databases
 */
@ConfigurationProperties("runbot.chart")
public record ChartSettings(
        @Nullable Path dir,
        @Bindable(defaultValue = "traefik") String ingressClass,
        @Nullable String tlsSecret,
        @Nullable String clusterIssuer,
        @Bindable(defaultValue = "kube-system") String ingressNamespace,
        @Bindable(defaultValue = "monitoring") String observabilityNamespace,
        @Bindable(defaultValue = "250m") String databaseCpu,
        @Bindable(defaultValue = "256Mi") String databaseMemory,
        @Bindable(defaultValue = "1Gi") String databaseStorage,
        @Nullable String databaseStorageClass,
        @Bindable(defaultValue = "postgres:17-alpine") String postgresImage,
        @Bindable(defaultValue = "mariadb:11") String mariadbImage,
        @Bindable(defaultValue = "redis:7-alpine") String redisImage) {
}
