package dev.runbot.bot.reconcile;

import static dev.runbot.bot.EndToEnd.await;
import static dev.runbot.bot.EndToEnd.markAvailable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.provisioner.reconcile.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crash-only: runbot stopped in the middle of work, and started again on the same database and
 * cluster, finishes the work; or started on an empty database, rebuilds its records from the
 * namespaces and destroys nothing.
 */
class CrashRecoveryTest {

    Path dataDir;
    MockCluster cluster;
    KubernetesClient kube;

    @BeforeEach
    void startCluster() {
        dataDir = TestDirectories.temporary("crash-recovery");
        cluster = new MockCluster(dataDir);
        kube = cluster.client();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void stoppedBetweenApplyAndReadinessTheNextStartFinishesTheDeploy() {
        try (EmbeddedServer first = start(dataDir)) {
            assertThat(api(first).command("/preview up", "acme/shop", 42).get("title"))
                    .isEqualTo("acme/shop#42 is starting");
            assertThat(state(first, "shop-pr-42")).isEqualTo("provisioning");
        }

        markAvailable(kube, "shop-pr-42");
        try (EmbeddedServer second = start(dataDir)) {
            await("shop-pr-42 ready after the restart", () -> "ready".equals(state(second, "shop-pr-42")));
            assertThat(runbotNamespaces()).containsExactly("shop-pr-42");
        }
    }

    @Test
    void stoppedBetweenNamespaceDeleteAndItsConfirmationTheNextStartConfirmsIt() {
        try (EmbeddedServer first = start(dataDir)) {
            api(first).command("/preview up", "acme/shop", 43);
            markAvailable(kube, "shop-pr-43");
            await("shop-pr-43 ready", () -> "ready".equals(state(first, "shop-pr-43")));
            // A finalizer keeps the namespace terminating, as a real cluster does while it empties it.
            kube.namespaces().withName("shop-pr-43").edit(namespace -> {
                namespace.getMetadata().setFinalizers(List.of("kubernetes"));
                return namespace;
            });
            assertThat(api(first).command("/preview down", "acme/shop", 43).get("title"))
                    .isEqualTo("acme/shop#43 is being destroyed");
        }

        kube.namespaces().withName("shop-pr-43").edit(namespace -> {
            namespace.getMetadata().setFinalizers(List.of());
            return namespace;
        });
        try (EmbeddedServer second = start(dataDir)) {
            await("shop-pr-43 destroyed after the restart", () -> "destroyed".equals(state(second, "shop-pr-43")));
            assertThat(runbotNamespaces()).isEmpty();
        }
    }

    @Test
    void anEmptiedDatabaseGetsItsRecordsBackFromTheNamespacesAndNothingIsDestroyed() {
        Map<String, Object> pinned;
        Map<String, Object> plain;
        try (EmbeddedServer first = start(dataDir)) {
            ApiClient api = api(first);
            api.command("/preview up --ttl 24h", "acme/shop", 51);
            api.command("/preview up", "acme/shop", 52);
            markAvailable(kube, "shop-pr-51");
            markAvailable(kube, "shop-pr-52");
            await("both ready", () -> "ready".equals(state(first, "shop-pr-51"))
                    && "ready".equals(state(first, "shop-pr-52")));
            api.command("/preview pin 12h", "acme/shop", 51);
            passAsLeader(first);
            pinned = api.get("/api/v1/environments/shop-pr-51").object();
            plain = api.get("/api/v1/environments/shop-pr-52").object();
        }

        Path emptied = TestDirectories.temporary("crash-recovery-emptied");
        try (EmbeddedServer second = start(emptied)) {
            passAsLeader(second);
            ApiClient api = api(second);
            for (Map<String, Object> before : List.of(pinned, plain)) {
                Map<String, Object> after = api.get("/api/v1/environments/" + before.get("name")).object();
                for (String field : List.of("repository", "pullRequest", "namespace", "state", "url", "headSha",
                        "image", "createdAt", "expiresAt", "pinnedUntil", "requestedBy")) {
                    assertThat(after.get(field)).as(before.get("name") + " " + field).isEqualTo(before.get(field));
                }
            }
            assertThat(runbotNamespaces()).containsExactly("shop-pr-51", "shop-pr-52");
            assertThat(api.command("/preview status", "acme/shop", 52).get("title")).isEqualTo("acme/shop#52 is ready");
        }
    }

    /** A pass as the scheduler would run it: once the replica holds the Lease, which takes it a moment after starting. */
    private static void passAsLeader(EmbeddedServer replica) {
        Leadership leadership = replica.getApplicationContext().getBean(Leadership.class);
        await("the replica leading", leadership::leading);
        replica.getApplicationContext().getBean(ReconcileLoop.class).pass();
    }

    private EmbeddedServer start(Path data) {
        return ApplicationContext.run(EmbeddedServer.class, Map.<String, Object>copyOf(EndToEnd.applicationProperties(
                data, cluster, Map.of("runbot.test.preview-configs", "true",
                        // A stop in the middle of a step leaves its claim behind, as a crash does.
                        "runbot.reconcile.claim-timeout", "2s"))), "test");
    }

    private static ApiClient api(EmbeddedServer server) {
        try {
            Path token = Path.of(server.getApplicationContext().getProperty("runbot.data-dir", String.class)
                    .orElseThrow()).resolve("api-token");
            return new ApiClient(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class),
                    Files.readString(token).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String state(EmbeddedServer server, String name) {
        ApiClient.Answer shown = api(server).get("/api/v1/environments/" + name);
        return shown.status() == 200 ? (String) shown.get("state") : "";
    }

    private List<String> runbotNamespaces() {
        return kube.namespaces().withLabel("app.kubernetes.io/managed-by", "runbot").list().getItems().stream()
                .map(namespace -> namespace.getMetadata().getName()).sorted().toList();
    }
}
