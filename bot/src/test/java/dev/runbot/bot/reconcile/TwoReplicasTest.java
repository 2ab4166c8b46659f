package dev.runbot.bot.reconcile;

import static dev.runbot.bot.EndToEnd.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.provisioner.EmbeddedPostgres;
import dev.runbot.provisioner.reconcile.Leadership;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of runbot on one real PostgreSQL and one Kubernetes API server take commands for
 * the same pull requests at once: every environment ends in the state of its last command, with
 * one record per pull request and no namespace left over. Exactly one of them leads the periodic
 * passes at any moment, and when it stops the other takes over. (A leader that dies without
 * letting go of its Lease is replaced within the lease: LeaseLeadershipTest.)
 */
class TwoReplicasTest {

    static final String TOKEN = "two-replicas-test-token-0123456789";
    static final int PULL_REQUESTS = 10;
    static final int COMMANDS_EACH = 5;

    MockCluster cluster;
    KubernetesClient kube;
    Map<String, String> database;
    final List<EmbeddedServer> replicas = new ArrayList<>();
    ScheduledExecutorService controller;
    final AtomicInteger bothLeading = new AtomicInteger();
    final AtomicInteger leaderSamples = new AtomicInteger();

    @BeforeEach
    void start() {
        cluster = new MockCluster(TestDirectories.temporary("two-replicas-cluster"));
        kube = cluster.client();
        database = EmbeddedPostgres.freshDatabase();
        replicas.add(replica("a"));
        replicas.add(replica("b"));
        controller = Executors.newScheduledThreadPool(2);
        controller.scheduleWithFixedDelay(this::makeDeploymentsAvailable, 100, 100, TimeUnit.MILLISECONDS);
        controller.scheduleWithFixedDelay(this::sampleLeaders, 5, 5, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        controller.shutdownNow();
        controller.awaitTermination(5, TimeUnit.SECONDS);
        replicas.stream().filter(EmbeddedServer::isRunning).forEach(EmbeddedServer::close);
        cluster.close();
    }

    @Test
    void concurrentCommandsOnBothReplicasEndInTheStateOfEachPullRequestsLastCommand() throws Exception {
        Random random = new Random(20261122);
        ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        ExecutorService people = Executors.newFixedThreadPool(PULL_REQUESTS * 2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int pr = 101; pr < 101 + PULL_REQUESTS; pr++) {
            int number = pr;
            List<String> sequence = new ArrayList<>();
            for (int i = 0; i < COMMANDS_EACH - 2; i++) {
                sequence.add(random.nextBoolean() ? "up" : "down");
            }
            List<Integer> replicaOf = random.ints(COMMANDS_EACH, 0, 2).boxed().toList();
            // Each pull request's people type one after the other, on either replica...
            work.add(people.submit(() -> {
                go.await();
                for (int i = 0; i < sequence.size(); i++) {
                    send(replicaOf.get(i), sequence.get(i), number, unanswered);
                }
                // ...and end with an up and a down racing on the two replicas.
                CountDownLatch race = new CountDownLatch(1);
                Future<?> up = people.submit(() -> {
                    race.await();
                    return send(0, "up", number, unanswered);
                });
                Future<?> down = people.submit(() -> {
                    race.await();
                    return send(1, "down", number, unanswered);
                });
                race.countDown();
                up.get();
                down.get();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> each : work) {
            each.get(120, TimeUnit.SECONDS);
        }
        people.shutdown();
        assertThat(unanswered).as("commands without a proper answer").isEmpty();

        await("every environment settled in the state of its last command", () -> {
            try {
                return settled();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Set<String> wantedUp = new TreeSet<>();
        for (int pr = 101; pr < 101 + PULL_REQUESTS; pr++) {
            assertThat(rows(pr)).as("records of #" + pr).isEqualTo(1);
            if (lastIntent(pr).equals("UP")) {
                wantedUp.add("shop-pr-" + pr);
            }
        }
        assertThat(runbotNamespaces()).as("namespaces left are exactly the environments wanted up")
                .isEqualTo(wantedUp);
        assertThat(bothLeading.get()).as("samples where both replicas led").isZero();
        assertThat(leaderSamples.get()).as("samples where one replica led").isPositive();
    }

    @Test
    void whenTheLeaderStopsTheOtherReplicaTakesOverAndRunsThePasses() {
        await("one leader", () -> leading(0) || leading(1));
        int leader = leading(0) ? 0 : 1;
        int other = 1 - leader;
        assertThat(leading(other)).isFalse();

        replicas.get(leader).close();
        await("the other replica leading", () -> leading(other));

        // The new leader's passes do the periodic work: a namespace deleted behind runbot's back comes back.
        api(replicas.get(other)).command("/preview up", "acme/shop", 120);
        await("#120 ready", () -> "READY".equals(stateOrEmpty(120)));
        kube.namespaces().withName("shop-pr-120").delete();
        await("the namespace back", () -> kube.namespaces().withName("shop-pr-120").get() != null
                && "READY".equals(stateOrEmpty(120)));
        assertThat(bothLeading.get()).isZero();
    }

    private boolean leading(int replica) {
        EmbeddedServer server = replicas.get(replica);
        return server.isRunning() && server.getApplicationContext().getBean(Leadership.class).leading();
    }

    private String stateOrEmpty(int pullRequest) {
        try {
            return state(pullRequest);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both replicas' view of who leads, sampled all along: never both. */
    private void sampleLeaders() {
        try {
            boolean a = leading(0);
            boolean b = leading(1);
            if (a && b) {
                bothLeading.incrementAndGet();
            } else if (a || b) {
                leaderSamples.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // A replica stopping between the two questions: the next sample sees it gone.
        }
    }

    private Object send(int replica, String verb, int pullRequest, ConcurrentLinkedQueue<String> unanswered) {
        ApiClient.Answer answer = api(replicas.get(replica)).command("/preview " + verb, "acme/shop", pullRequest);
        if (answer.status() >= 500 || answer.get("title") == null) {
            unanswered.add(verb + " #" + pullRequest + " on replica " + replica + ": " + answer.status() + " "
                    + answer.raw().body());
        }
        return answer;
    }

    /** Whether every pull request's environment is where its last command wants it, in the records and the cluster. */
    private boolean settled() throws SQLException {
        for (int pr = 101; pr < 101 + PULL_REQUESTS; pr++) {
            String intent = lastIntent(pr);
            String state = state(pr);
            boolean namespace = kube.namespaces().withName("shop-pr-" + pr).get() != null;
            boolean done = intent.equals("UP") ? state.equals("READY") && namespace
                    : intent.equals("DOWN") ? state.equals("DESTROYED") && !namespace
                    : state.isEmpty();
            if (!done) {
                return false;
            }
        }
        return true;
    }

    /** What the last command that changed the pull request's environment asked for, from the audit log. */
    private String lastIntent(int pullRequest) throws SQLException {
        String action = query("SELECT action FROM audit_entry WHERE repository = 'acme/shop' AND pull_request = ?"
                + " AND channel = 'api' AND action IN ('created', 'redeploying', 'destroying')"
                + " ORDER BY id DESC LIMIT 1", pullRequest);
        return action == null ? "" : action.equals("destroying") ? "DOWN" : "UP";
    }

    private String state(int pullRequest) throws SQLException {
        String state = query("SELECT state FROM environment WHERE repository_key = 'acme/shop' AND pull_request = ?",
                pullRequest);
        return state == null ? "" : state;
    }

    private int rows(int pullRequest) throws SQLException {
        return Integer.parseInt(query("SELECT COUNT(*) FROM environment WHERE repository_key = 'acme/shop'"
                + " AND pull_request = ?", pullRequest));
    }

    private String query(String sql, int pullRequest) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, pullRequest);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private Set<String> runbotNamespaces() {
        Set<String> names = new TreeSet<>();
        kube.namespaces().withLabel("app.kubernetes.io/managed-by", "runbot").list().getItems()
                .forEach(namespace -> names.add(namespace.getMetadata().getName()));
        return names;
    }

    /** What a Deployment controller does: every Deployment of runbot's becomes available. */
    private void makeDeploymentsAvailable() {
        try {
            for (Deployment deployment : kube.apps().deployments().inAnyNamespace()
                    .withLabel("app.kubernetes.io/managed-by", "runbot").list().getItems()) {
                if (deployment.getStatus() != null && deployment.getStatus().getAvailableReplicas() != null) {
                    continue;
                }
                kube.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                        .withName(deployment.getMetadata().getName()).editStatus(available -> {
                            available.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1)
                                    .withUpdatedReplicas(1).withReadyReplicas(1)
                                    .withObservedGeneration(available.getMetadata().getGeneration()).build());
                            return available;
                        });
            }
        } catch (RuntimeException e) {
            // A namespace deleted between the list and the edit: the next round sees the truth.
        }
    }

    private EmbeddedServer replica(String name) {
        Map<String, String> own = new HashMap<>(database);
        own.put("runbot.test.preview-configs", "true");
        own.put("runbot.api.token", TOKEN);
        own.put("micronaut.application.instance-id", name);
        // The leader's passes run all along, while the commands come in.
        own.put("runbot.reconcile.interval", "1s");
        return ApplicationContext.run(EmbeddedServer.class, Map.<String, Object>copyOf(EndToEnd.applicationProperties(
                TestDirectories.temporary("two-replicas-" + name), cluster, own)), "test");
    }

    private static ApiClient api(EmbeddedServer replica) {
        return new ApiClient(replica.getURI(), replica.getApplicationContext().getBean(JsonMapper.class), TOKEN);
    }
}
