package dev.runbot.bot.reconcile;

import static dev.runbot.bot.EndToEnd.await;
import static dev.runbot.bot.EndToEnd.awaitNamespace;
import static dev.runbot.bot.EndToEnd.markAvailable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.provisioner.MutableClock;
import dev.runbot.provisioner.reconcile.Leadership;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The leader's pass holds the cluster and the records to each other (against fabric8's API
 * server, with time moved by hand): orphans go after their grace period and not before, a
 * namespace deleted behind runbot's back comes back, and a pass where nothing changed costs one
 * LIST of namespaces.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSweepTest implements TestPropertyProvider {

    static final String NAMESPACE_LIST = "GET /api/v1/namespaces?labelSelector=app.kubernetes.io/managed-by=runbot,runbot.dev/instance=runbot&watch=false";

    final Path dataDir = TestDirectories.temporary("cluster-sweep");
    MockCluster cluster;

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject ReconcileLoop loop;
    @Inject Leadership leadership;
    @Inject MutableClock clock;
    @Inject TransactionOperations<Connection> database;

    ApiClient api;
    KubernetesClient kube;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockCluster(dataDir);
        return EndToEnd.applicationProperties(dataDir, cluster, Map.of(
                "runbot.test.preview-configs", "true",
                "runbot.test.movable-clock", "true",
                "runbot.reconcile.orphan-grace", "10m"));
    }

    @BeforeEach
    void client() throws IOException {
        // Each test starts at the real now, as the namespaces the test server stamps do.
        clock.set(Instant.now());
        api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
        kube = cluster.client();
    }

    @AfterAll
    void stopCluster() {
        leadership.close();
        cluster.close();
    }

    @Test
    void aNamespaceNoEnvironmentOwnsIsDeletedAfterTheGracePeriodAndNotBefore() {
        kube.namespaces().resource(runbotNamespace("stray-pr-1")).create();

        pass();
        clock.advance(Duration.ofMinutes(9));
        pass();
        assertThat(kube.namespaces().withName("stray-pr-1").get()).as("inside the grace period").isNotNull();

        clock.advance(Duration.ofMinutes(2));
        pass();
        assertThat(kube.namespaces().withName("stray-pr-1").get()).as("past the grace period").isNull();
        assertThat(audit("stray-pr-1")).singleElement().satisfies(entry -> assertThat(entry)
                .startsWith("orphan-deleted by runbot: namespace stray-pr-1 had no live environment for 10 minutes"));
    }

    @Test
    void anotherInstallationsNamespacesAreNeitherRebuiltNorCollected() {
        Namespace staging = runbotNamespace("shop-pr-81", "staging");
        staging.getMetadata().getLabels().put("runbot.dev/pull-request", "81");
        staging.getMetadata().setAnnotations(Map.of("runbot.dev/repository-name", "acme/shop"));
        kube.namespaces().resource(staging).create();
        kube.namespaces().resource(runbotNamespace("stray-pr-82", "staging")).create();

        clock.advance(Duration.ofMinutes(11));
        pass();

        assertThat(kube.namespaces().withName("shop-pr-81").get()).isNotNull();
        assertThat(kube.namespaces().withName("stray-pr-82").get()).isNotNull();
        assertThat(state("shop-pr-81")).as("no record made from staging's namespace").isEmpty();
    }

    @Test
    void theNamespaceOfADestroyedEnvironmentMadeAgainBehindRunbotsBackIsAnOrphanNotARecord() {
        api.command("/preview up", "acme/shop", 31);
        markAvailable(kube, "shop-pr-31");
        await("shop-pr-31 ready", () -> "ready".equals(state("shop-pr-31")));
        Namespace applied = kube.namespaces().withName("shop-pr-31").get();
        api.command("/preview down", "acme/shop", 31);
        assertThat(kube.namespaces().withName("shop-pr-31").get()).isNull();

        // Someone re-creates it by hand from a copy, annotations and all.
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop-pr-31")
                .withLabels(applied.getMetadata().getLabels()).withAnnotations(applied.getMetadata().getAnnotations())
                .endMetadata().build()).create();
        clock.advance(Duration.ofSeconds(1));
        pass();
        assertThat(state("shop-pr-31")).as("not brought back to life").isEqualTo("destroyed");
        assertThat(kube.namespaces().withName("shop-pr-31").get()).as("inside the grace period").isNotNull();

        clock.advance(Duration.ofMinutes(11));
        pass();
        assertThat(kube.namespaces().withName("shop-pr-31").get()).isNull();
        assertThat(audit("shop-pr-31")).last().satisfies(entry -> assertThat(entry).startsWith("orphan-deleted"));
    }

    @Test
    void anEnvironmentWhoseNamespaceWasDeletedBehindRunbotsBackIsDeployedAgain() {
        api.command("/preview up", "acme/shop", 21);
        markAvailable(kube, "shop-pr-21");
        await("shop-pr-21 ready", () -> "ready".equals(state("shop-pr-21")));

        kube.namespaces().withName("shop-pr-21").delete();
        kube.apps().deployments().inNamespace("shop-pr-21").withName("app").delete();
        // Long after its deploy: the applied-again namespace still gets its whole readiness timeout.
        clock.advance(Duration.ofMinutes(11));
        pass();

        awaitNamespace(kube, "shop-pr-21");
        markAvailable(kube, "shop-pr-21");
        await("shop-pr-21 ready again", () -> "ready".equals(state("shop-pr-21")));
        assertThat(history("shop-pr-21")).contains(
                "redeploying: namespace shop-pr-21 was missing from the cluster; deploying it again");
    }

    @Test
    void aFailedEnvironmentWhoseNamespaceIsGoneIsLeftForPeopleNotDeployedAgainEveryPass() {
        api.command("/preview up", "acme/shop", 71);
        kube.pods().inNamespace("shop-pr-71").resource(new PodBuilder().withNewMetadata().withName("app-5c9f7-q2w3e")
                .addToLabels("app.kubernetes.io/managed-by", "runbot").addToLabels("runbot.dev/environment", "shop-pr-71")
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("ghcr.io/acme/shop:latest")
                .endContainer().endSpec().build()).create();
        kube.pods().inNamespace("shop-pr-71").withName("app-5c9f7-q2w3e").editStatus(pod -> {
            pod.setStatus(new PodStatusBuilder().addNewContainerStatus().withName("app")
                    .withImage("ghcr.io/acme/shop:latest").withImageID("").withReady(false).withRestartCount(0)
                    .withNewState().withNewWaiting().withReason("ErrImagePull").endWaiting().endState()
                    .endContainerStatus().build());
            return pod;
        });
        await("shop-pr-71 failed", () -> "failed".equals(state("shop-pr-71")));

        kube.namespaces().withName("shop-pr-71").delete();
        clock.advance(Duration.ofSeconds(1));
        pass();
        pass();

        assertThat(state("shop-pr-71")).isEqualTo("failed");
        assertThat(history("shop-pr-71")).noneMatch(line -> line.startsWith("redeploying"));
    }

    @Test
    void aPassWhereNothingChangedListsTheNamespacesOnceAndCallsNothingElse() {
        for (int pr = 41; pr <= 43; pr++) {
            api.command("/preview up", "acme/shop", pr);
            markAvailable(kube, "shop-pr-" + pr);
        }
        await("three ready", () -> List.of(41, 42, 43).stream().allMatch(pr -> "ready".equals(state("shop-pr-" + pr))));
        clock.advance(Duration.ofSeconds(1));
        pass();

        cluster.takeRequests();
        clock.advance(Duration.ofSeconds(1));
        pass();
        assertThat(clusterRequests()).containsExactly(NAMESPACE_LIST);

        api.command("/preview pin 6h", "acme/shop", 42);
        cluster.takeRequests();
        pass();
        assertThat(clusterRequests()).as("the pin is written onto the namespace once")
                .containsExactly(NAMESPACE_LIST, "PATCH /api/v1/namespaces/shop-pr-42");
        assertThat(kube.namespaces().withName("shop-pr-42").get().getMetadata().getAnnotations())
                .containsKey("runbot.dev/pinned-until");
        cluster.takeRequests();
        pass();
        assertThat(clusterRequests()).containsExactly(NAMESPACE_LIST);
    }

    @Test
    void aPassDuringAnApiServerOutageChangesNothingAndTheNextOneCatchesUp() {
        api.command("/preview up", "acme/shop", 61);
        markAvailable(kube, "shop-pr-61");
        await("shop-pr-61 ready", () -> "ready".equals(state("shop-pr-61")));
        kube.namespaces().resource(runbotNamespace("stray-pr-2")).create();
        kube.namespaces().withName("shop-pr-61").delete();
        clock.advance(Duration.ofMinutes(11));

        cluster.failGets("/api/v1/namespaces?labelSelector=app.kubernetes.io%2Fmanaged-by%3Drunbot%2Crunbot.dev%2Finstance%3Drunbot"
                + "&watch=false",
                5);
        pass();
        assertThat(kube.namespaces().withName("stray-pr-2").get()).as("no orphan judged blind").isNotNull();
        assertThat(state("shop-pr-61")).as("no redeploy judged blind").isEqualTo("ready");

        pass();
        assertThat(kube.namespaces().withName("stray-pr-2").get()).isNull();
        awaitNamespace(kube, "shop-pr-61");
        assertThat(history("shop-pr-61")).filteredOn(line -> line.startsWith("redeploying")).hasSize(1);
    }

    /** A pass as the scheduler would run it: once this replica holds the Lease, a moment after it started. */
    private void pass() {
        await("this replica leading", leadership::leading);
        loop.pass();
    }

    /** What the test server was asked, leaving out leader election, which runs on its own clock. */
    private List<String> clusterRequests() {
        return cluster.takeRequests().stream().filter(request -> !request.contains("/leases")).toList();
    }

    private String state(String name) {
        ApiClient.Answer shown = api.get("/api/v1/environments/" + name);
        return shown.status() == 200 ? (String) shown.get("state") : "";
    }

    @SuppressWarnings("unchecked")
    private List<String> history(String name) {
        List<String> lines = new ArrayList<>();
        for (Object entry : (List<Object>) api.get("/api/v1/environments/" + name).get("history")) {
            Map<String, Object> fields = (Map<String, Object>) entry;
            lines.add(fields.get("action") + ": " + fields.get("detail"));
        }
        return lines;
    }

    /** The audit log's lines about one namespace, oldest first, as {@code action by actor: detail}. */
    private List<String> audit(String environment) {
        return database.executeRead(status -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement query = status.getConnection().prepareStatement(
                    "SELECT action, actor, detail FROM audit_entry WHERE environment = ? ORDER BY id")) {
                query.setString(1, environment);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1) + " by " + rows.getString(2) + ": " + rows.getString(3));
                    }
                }
            }
            return lines;
        });
    }

    private static Namespace runbotNamespace(String name) {
        return runbotNamespace(name, "runbot");
    }

    private static Namespace runbotNamespace(String name, String instance) {
        return new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("app.kubernetes.io/managed-by", "runbot")
                .addToLabels("runbot.dev/instance", instance)
                .addToLabels("runbot.dev/environment", name)
                .endMetadata().build();
    }
}
