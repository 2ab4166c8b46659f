package dev.runbot.bot.bench;

import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.bot.github.GitHubApi;
import dev.runbot.bot.github.GitHubWebhooks;
import dev.runbot.bot.github.PullRequestThreads;
import dev.runbot.bot.github.SeenPullRequest;
import dev.runbot.bot.github.work.ClosedPullRequestCheck;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.outbox.Outbox;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The GitHub path under load on loopback: signed webhook deliveries at a fixed rate (open loop,
 * latency counted from when each was due, so a stall is not hidden), the time from a
 * {@code /preview up} comment to runbot's first write to the Kubernetes API, a pass of the periodic
 * pull-request check over 1,000 environments, and the time from a {@code closed} webhook to the
 * environment being destroyed. GitHub's API is WireMock, the cluster fabric8's API server, both in
 * this process.
 */
final class GitHubBenchmark {

    private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final RepositoryName SHOP = new RepositoryName("acme", "shop");

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
                     "runbot.reconcile.pr-check-interval", "1h",
                     "runbot.github.token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                     "runbot.github.api-url", github.url(),
                     "runbot.github.webhook-secret", GitHubWebhooks.SECRET))) {
            github.standard();
            URI webhook = server.getURI().resolve("/webhooks/github");
            ApplicationContext context = server.getApplicationContext();
            List<Samples> samples = new ArrayList<>();
            samples.add(acknowledgements(webhook, 100, Duration.ofSeconds(5), Duration.ofSeconds(30)));
            samples.addAll(prCheckPass(context, github, 1_000, 3, 20));
            samples.add(commentToFirstWrite(webhook, github, cluster.client(), 5, 50));
            samples.add(closedToDestroying(webhook, context, 10, 100));
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
        return OpenLoad.run("webhook ack, " + perSecond + "/s for " + measured.toSeconds() + "s, open loop",
                deliveries, perSecond, warm, 202).target("p99 ≤ 50 ms");
    }

    /** A {@code /preview up} comment on a new pull request, until its namespace exists in the cluster. */
    private static Samples commentToFirstWrite(URI webhook, GitHubApi github, KubernetesClient kube, int warmUp,
                                               int runs) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Samples samples = new Samples("PR comment up -> first Kubernetes write", runs).target("≤ 1 s median");
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

    /**
     * One pass of the periodic pull-request check over {@code count} live environments whose pull
     * requests all answer 304, as they do while nothing changes: how long a pass takes, and how many
     * calls it makes to GitHub and how many of them were answered 304 (which do not count against the
     * rate limit). Each pull request has the ETag of an earlier answer.
     */
    private static List<Samples> prCheckPass(ApplicationContext context, GitHubApi github, int count, int warmUp,
                                             int runs) {
        PullRequestThreads threads = context.getBean(PullRequestThreads.class);
        ClosedPullRequestCheck check = context.getBean(ClosedPullRequestCheck.class);
        for (PullRequestRef pullRequest : readyEnvironments(context, 10_000, count)) {
            threads.recordSeen(pullRequest, Optional.of(new SeenPullRequest(String.format(Locale.ROOT, "W/\"%064x\"",
                    pullRequest.number()), true)));
        }
        github.pullRequestsUnchanged();
        waitFor("the outbox to drain", () -> context.getBean(Outbox.class).pending() == 0);
        String environments = String.format(Locale.ROOT, "%,d", count) + " environments";
        Samples samples = new Samples("PR check pass, " + environments + ", all 304", runs)
                .target("within the 5 min period");
        Samples calls = new Samples("  GitHub calls per PR check pass", Samples.Unit.COUNT, runs)
                .target("1 per environment");
        Samples notModified = new Samples("  of them answered 304 (free of rate limit)", Samples.Unit.COUNT, runs)
                .target("all");
        for (int i = 0; i < warmUp + runs; i++) {
            github.forgetRequests();
            long t0 = System.nanoTime();
            ClosedPullRequestCheck.Summary summary = check.pass();
            long elapsed = System.nanoTime() - t0;
            if (summary.checked() != count || summary.unchanged() != count) {
                throw new IllegalStateException("a pass over " + count + " unchanged pull requests did " + summary);
            }
            if (i >= warmUp) {
                samples.add(elapsed);
                calls.add(github.received());
                notModified.add(github.answered(304));
            }
        }
        return List.of(samples, calls, notModified);
    }

    /**
     * A pull request's {@code closed} webhook, signed, until runbot has recorded its environment as
     * DESTROYING (the namespace delete follows at once, on the same worker). One close at a time.
     */
    private static Samples closedToDestroying(URI webhook, ApplicationContext context, int warmUp, int runs)
            throws Exception {
        EnvironmentService environments = context.getBean(EnvironmentService.class);
        List<PullRequestRef> pullRequests = readyEnvironments(context, 3_000, warmUp + runs);
        waitFor("the outbox to drain", () -> context.getBean(Outbox.class).pending() == 0);
        HttpClient http = HttpClient.newHttpClient();
        Samples samples = new Samples("PR closed webhook -> environment destroying", runs).target("≤ 5 s");
        for (int i = 0; i < pullRequests.size(); i++) {
            PullRequestRef pullRequest = pullRequests.get(i);
            byte[] body = GitHubWebhooks.bytes(GitHubWebhooks.pullRequestOnShop("closed", pullRequest.number(), SHA,
                    false));
            long t0 = System.nanoTime();
            HttpResponse<Void> answer = http.send(GitHubWebhooks.delivery(webhook, "pull_request", "bench-closed-" + i,
                    body), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 202) {
                throw new IllegalStateException("the closed delivery was answered " + answer.statusCode());
            }
            waitFor(pullRequest + " to be destroying", () -> environments.latest(pullRequest)
                    .map(Environment::state).filter(state -> state == EnvironmentState.DESTROYING
                            || state == EnvironmentState.DESTROYED).isPresent());
            if (i >= warmUp) {
                samples.add(System.nanoTime() - t0);
            }
        }
        return samples;
    }

    /**
     * {@code count} READY environments of acme/shop from pull request {@code first} on, written
     * straight to the database (only what follows is measured; their namespaces do not exist).
     */
    private static List<PullRequestRef> readyEnvironments(ApplicationContext context, int first, int count) {
        Instant now = Instant.now();
        List<Environment> environments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PullRequestRef pullRequest = new PullRequestRef(SHOP, first + i);
            String name = "shop-pr-" + pullRequest.number();
            environments.add(new Environment.Builder()
                    .pullRequest(pullRequest).name(name).namespace(name)
                    .state(EnvironmentState.READY).desiredState(DesiredState.UP)
                    .headSha(SHA).image("ghcr.io/acme/shop:pr-" + pullRequest.number() + "-6dcb09b")
                    .url("https://" + name + ".preview.localhost").createdAt(now).updatedAt(now).deployedAt(now)
                    .expiresAt(now.plus(Duration.ofHours(72))).requestedBy("bench").ttl(Duration.ofHours(72))
                    .overrides(Map.of())
                    .build());
        }
        context.getBean(EnvironmentStore.class).saveAll(environments);
        return environments.stream().map(Environment::pullRequestRef).toList();
    }

    /** Polls every millisecond, for at most 60 s. */
    private static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited 60s for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
