package dev.runbot.provisioner.cluster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * Where the cluster is ({@code runbot.kubernetes.*}).
 *
 * @param kubeconfig a kubeconfig file; unset means {@code $KUBECONFIG}, {@code ~/.kube/config}, then in-cluster
 * @param dryRun     render to disk instead of applying; unset means "when no cluster is found"
 */
@ConfigurationProperties("runbot.kubernetes")
public record KubernetesSettings(@Nullable Path kubeconfig, @Nullable Boolean dryRun) {
}
