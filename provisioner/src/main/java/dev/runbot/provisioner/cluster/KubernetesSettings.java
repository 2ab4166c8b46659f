package dev.runbot.provisioner.cluster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the cluster is and how patiently runbot talks to it ({@code runbot.kubernetes.*}).
 *
 * @param kubeconfig       a kubeconfig file; unset means {@code $KUBECONFIG}, {@code ~/.kube/config}, then in-cluster
 * @param dryRun           render to disk instead of applying; unset means "when no cluster is found"
 * @param readinessTimeout how long workloads may take to become ready before the environment fails
 * @param readinessPoll    how often environments being provisioned or destroyed are looked at
 * @param retryAttempts    tries of one API call that fails transiently (5xx, 429, timeouts)
 * @param retryBase        the first wait between tries; it doubles each time
 * @param retryCap         the longest wait between tries
 */
@ConfigurationProperties("runbot.kubernetes")
public record KubernetesSettings(
        @Nullable Path kubeconfig,
        @Nullable Boolean dryRun,
        @Bindable(defaultValue = "10m") Duration readinessTimeout,
        @Bindable(defaultValue = "2s") Duration readinessPoll,
        @Bindable(defaultValue = "5") int retryAttempts,
        @Bindable(defaultValue = "500ms") Duration retryBase,
        @Bindable(defaultValue = "10s") Duration retryCap) {
}
