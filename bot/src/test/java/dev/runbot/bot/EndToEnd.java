package dev.runbot.bot;

import dev.runbot.bot.cluster.MockCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What end-to-end tests do around the running application: send real HTTP requests, wait
 * (bounded) for its asynchronous work, and play the part of the cluster's controllers.
 */
public final class EndToEnd {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private EndToEnd() {
    }

    /**
     * The settings every end-to-end test runs the application with, plus its own: a data directory,
     * the cluster, Grafana links, and quick polls and retries so the tests wait little; the periodic
     * passes wait an hour, so a test runs them itself when it means to.
     */
    public static Map<String, String> applicationProperties(Path dataDir, MockCluster cluster,
                                                            Map<String, String> own) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "runbot.data-dir", dataDir.toString(),
                "runbot.kubernetes.kubeconfig", cluster.kubeconfig().toString(),
                "runbot.kubernetes.readiness-poll", "100ms",
                "runbot.kubernetes.retry-base", "10ms",
                "runbot.reconcile.interval", "1h",
                "runbot.reconcile.pr-check-interval", "1h",
                "runbot.grafana.url", "https://grafana.example.com",
                "runbot.outbox.poll", "50ms",
                "runbot.outbox.retry-base", "100ms",
                "runbot.outbox.retry-cap", "400ms"));
        properties.putAll(own);
        return properties;
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits, bounded, for asynchronous work (pumps, reconciler) to reach what the test expects. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("waited " + PATIENCE.toSeconds() + "s for " + what);
    }

    public static void awaitNamespace(KubernetesClient kube, String name) {
        await("namespace " + name, () -> kube.namespaces().withName(name).get() != null);
    }

    /** The image of the environment's app, or empty while it has none. */
    public static String image(KubernetesClient kube, String namespace) {
        Deployment deployment = kube.apps().deployments().inNamespace(namespace).withName("app").get();
        return deployment == null ? "" : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** A Secret's value as an API server would hold it: stringData as sent, or data decoded. */
    public static String secretValue(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    /** Waits for the generated password of an environment's database and returns it. */
    public static String databasePassword(KubernetesClient kube, String namespace, String database) {
        await("the " + database + " credentials in " + namespace, () -> kube.secrets().inNamespace(namespace)
                .withName(database + "-credentials").get() != null);
        return secretValue(kube.secrets().inNamespace(namespace).withName(database + "-credentials").get(), "password");
    }

    /** What the Deployment and StatefulSet controllers would write once the environment's pods are up. */
    public static void markAvailable(KubernetesClient kube, String namespace) {
        await("the app Deployment in " + namespace, () -> kube.apps().deployments().inNamespace(namespace)
                .withName("app").get() != null);
        kube.apps().deployments().inNamespace(namespace).withName("app").editStatus(deployment -> {
            deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1)
                    .withUpdatedReplicas(1).withReadyReplicas(1)
                    .withObservedGeneration(deployment.getMetadata().getGeneration()).build());
            return deployment;
        });
        kube.apps().statefulSets().inNamespace(namespace).list().getItems().forEach(database -> kube.apps()
                .statefulSets().inNamespace(namespace).withName(database.getMetadata().getName()).editStatus(set -> {
                    int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
                    set.setStatus(new StatefulSetStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                            .withCurrentReplicas(replicas).withUpdatedReplicas(replicas).build());
                    return set;
                }));
    }
}
