package dev.runbot.bot.bench;

import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.bot.github.GitHubApi;
import dev.runbot.bot.github.GitHubWebhooks;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The GitHub path under load on loopback: signed webhook deliveries at a fixed rate (open loop,
 * latency counted from when each was due, so a stall is not hidden), and the time from a
 * {@code /preview up} comment to runbot's first write to the Kubernetes API. GitHub's API is
 * WireMock, the cluster fabric8's API server, both in this process.
 */
final class GitHubBenchmark {

    private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    private GitHubBenchmark() {
    }

    static List<Samples> run() throws Exception {
        Path dir = Files.createTempDirectory("runbot-bench-github");
        try (MockCluster cluster = new MockCluster(dir);
             GitHubApi github = new GitHubApi();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "runbot.data-dir", dir.toString(), "micronaut.server.port", "-1",
                     "runbot.kubernetes.kubeconfig", cluster.kubeconfig().toString(),
                     "runbot.reconcile.interval", "1h",
                     "runbot.github.token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                     "runbot.github.api-url", github.url(),
                     "runbot.github.webhook-secret", GitHubWebhooks.SECRET))) {
            github.standard();
            URI webhook = server.getURI().resolve("/webhooks/github");
            List<Samples> samples = new ArrayList<>();
            samples.add(acknowledgements(webhook, 100, Duration.ofSeconds(5), Duration.ofSeconds(30)));
            samples.add(commentToFirstWrite(webhook, github, cluster.client(), 5, 50));
            return samples;
        }
    }

    /**
     * Comment commands ({@code /preview status} on 100 pull requests) delivered at {@code perSecond}
     * for {@code measured} after {@code warmUp}; each answer must be 202. The work they queue runs
     * meanwhile, on the same two cores, as it would in production.
     */
    private static Samples acknowledgements(URI webhook, int perSecond, Duration warmUp, Duration measured)
            throws Exception {
        int warm = (int) (warmUp.toSeconds() * perSecond);
        int total = warm + (int) (measured.toSeconds() * perSecond);
        List<HttpRequest> deliveries = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            byte[] body = GitHubWebhooks.bytes(GitHubWebhooks.commentOnShop(1 + i % 100, "/preview status", "octocat"));
            deliveries.add(GitHubWebhooks.delivery(webhook, "issue_comment", "bench-" + i, body));
        }
        return OpenLoad.run("webhook ack, " + perSecond + "/s for " + measured.toSeconds() + "s", deliveries,
                perSecond, warm, 202);
    }

    /** A {@code /preview up} comment on a new pull request, until its namespace exists in the cluster. */
    private static Samples commentToFirstWrite(URI webhook, GitHubApi github, KubernetesClient kube, int warmUp,
                                               int runs) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Samples samples = new Samples("PR comment up -> first Kubernetes write", runs);
        for (int i = 0; i < warmUp + runs; i++) {
            int number = 2_000 + i;
            github.pullRequest(number, SHA, false);
            byte[] body = GitHubWebhooks.bytes(GitHubWebhooks.commentOnShop(number, "/preview up", "octocat"));
            long t0 = System.nanoTime();
            HttpResponse<Void> answer = http.send(GitHubWebhooks.delivery(webhook, "issue_comment", "bench-up-" + i,
                    body), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 202) {
                throw new IllegalStateException("the up comment was answered " + answer.statusCode());
            }
            String namespace = "shop-pr-" + number;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
            while (kube.namespaces().withName(namespace).get() == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(namespace + " was not created within 30s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            if (i >= warmUp) {
                samples.add(System.nanoTime() - t0);
            }
        }
        return samples;
    }
}
