package dev.runbot.bot;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    /** What the Deployment controller would write once the app's pods are up. */
    public static void markAvailable(KubernetesClient kube, String namespace) {
        await("the app Deployment in " + namespace, () -> kube.apps().deployments().inNamespace(namespace)
                .withName("app").get() != null);
        kube.apps().deployments().inNamespace(namespace).withName("app").editStatus(deployment -> {
            deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1)
                    .withUpdatedReplicas(1).withReadyReplicas(1)
                    .withObservedGeneration(deployment.getMetadata().getGeneration()).build());
            return deployment;
        });
    }
}
