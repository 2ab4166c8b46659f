package dev.runbot.provisioner.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the cluster the way kubectl does: the configured kubeconfig, then {@code $KUBECONFIG},
 * then {@code ~/.kube/config}, then the service account of a pod running in a cluster.
 */
public final class ClusterLocator {

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private ClusterLocator() {
    }

    /** A description of where the cluster is, e.g. {@code kubeconfig /home/me/.kube/config}; empty when none is found. */
    public static Optional<String> locate(KubernetesSettings settings, Map<String, String> environment, Path home) {
        if (settings.kubeconfig() != null) {
            return Optional.of("kubeconfig " + settings.kubeconfig());
        }
        String fromEnvironment = environment.get("KUBECONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of("kubeconfig " + fromEnvironment);
        }
        Path userConfig = home.resolve(".kube").resolve("config");
        if (Files.isRegularFile(userConfig)) {
            return Optional.of("kubeconfig " + userConfig);
        }
        if (environment.containsKey("KUBERNETES_SERVICE_HOST") && Files.isRegularFile(SERVICE_ACCOUNT_TOKEN)) {
            return Optional.of("in-cluster service account");
        }
        return Optional.empty();
    }
}
