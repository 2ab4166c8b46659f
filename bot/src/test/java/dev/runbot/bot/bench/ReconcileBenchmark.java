package dev.runbot.bot.bench;

import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentLabels;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import dev.runbot.provisioner.reconcile.ReconcilePass;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One leader's reconcile pass over 1,000 live environments whose namespaces match their records
 * (the steady state), against fabric8's API server: how long it takes and how many Kubernetes
 * calls it makes — which must not grow with the number of environments.
 */
public final class ReconcileBenchmark {

    static final int ENVIRONMENTS = 1_000;

    private ReconcileBenchmark() {
    }

    /** Runs this benchmark alone: {@code java -cp <test classpath> dev.runbot.bot.bench.ReconcileBenchmark}. */
    public static void main(String[] args) throws Exception {
        System.out.println(Samples.header());
        run().forEach(samples -> System.out.println(samples.row()));
    }

    static List<Samples> run() throws Exception {
        Path dir = Files.createTempDirectory("runbot-bench-reconcile");
        try (MockCluster cluster = new MockCluster(dir);
             ApplicationContext context = ApplicationContext.run(Map.of(
                     "runbot.data-dir", dir.toString(), "micronaut.server.port", "-1",
                     "runbot.kubernetes.kubeconfig", cluster.kubeconfig().toString(),
                     "runbot.test.preview-configs", "true", "runbot.reconcile.interval", "1h",
                     "runbot.reconcile.initial-delay", "1h",
                     "runbot.kubernetes.readiness-poll", "1h"))) {
            seed(context.getBean(EnvironmentStore.class), cluster);
            ReconcilePass pass = context.getBean(ReconcilePass.class);
            cluster.takeRequests();
            Samples calls = new Samples("  Kubernetes calls per reconcile pass", Samples.Unit.COUNT, 40)
                    .target("constant; 0 GitHub calls");
            Samples samples = Samples.time("reconcile pass over 1,000 environments, no change",
                    5, 40, i -> {
                        List<Object> changes = new ArrayList<>();
                        pass.run(changes::add, changes::add);
                        if (!changes.isEmpty()) {
                            throw new IllegalStateException("a steady-state pass changed something: " + changes);
                        }
                        // Leader election renews its Lease on its own clock; it is no part of the pass.
                        long kubernetesCalls = cluster.takeRequests().stream()
                                .filter(request -> !request.contains("/leases")).count();
                        if (i >= 5) {
                            calls.add(kubernetesCalls);
                        }
                    }).target("≤ 1 s");
            return List.of(samples, calls);
        }
    }

    /** Ready records and their namespaces, labelled and annotated as runbot leaves them. */
    private static void seed(EnvironmentStore store, MockCluster cluster) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RepositoryName repository = RepositoryName.parse("acme/shop").orElseThrow();
        for (int number = 1; number <= ENVIRONMENTS; number++) {
            String name = "shop-pr-" + number;
            Environment environment = new Environment.Builder()
                    .pullRequest(new PullRequestRef(repository, number)).name(name).namespace(name)
                    .state(EnvironmentState.READY).desiredState(DesiredState.UP)
                    .headSha("0123456789abcdef0123456789abcdef01234567").image("ghcr.io/acme/shop:pr-" + number)
                    .url("https://" + name + ".preview.test").dryRun(false)
                    .createdAt(now).updatedAt(now).deployedAt(now).expiresAt(now.plus(Duration.ofHours(72)))
                    .requestedBy("octocat").ttl(Duration.ofHours(72)).overrides(Map.of())
                    .build();
            cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .withLabels(EnvironmentLabels.labels(environment))
                    .addToLabels(EnvironmentLabels.INSTANCE, "runbot")
                    .withAnnotations(EnvironmentLabels.annotations(environment))
                    .endMetadata().build()).create();
            store.save(environment);
        }
    }
}
