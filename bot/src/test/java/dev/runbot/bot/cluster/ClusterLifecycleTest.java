package dev.runbot.bot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.api.ApiClient;
import dev.runbot.provisioner.reconcile.Leadership;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The whole path against a configured cluster (fabric8's API server in CRUD mode, found through a
 * kubeconfig file): a REST {@code up} applies the environment, it becomes ready when its
 * Deployment is available, says why when it is not, redeploys in place, and {@code down} leaves
 * nothing behind.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterLifecycleTest implements TestPropertyProvider {

    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    static {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
    }

    final Path dataDir = temporaryDirectory();
    MockCluster cluster;

    /** Closed before the cluster, so the Lease is released while the cluster still answers, as on a real shutdown. */
    @Inject Leadership leadership;
    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    ApiClient api;
    KubernetesClient kube;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockCluster(dataDir);
        return Map.of(
                "runbot.test.preview-configs", "true",
                "runbot.data-dir", dataDir.toString(),
                "runbot.kubernetes.kubeconfig", cluster.kubeconfig().toString(),
                "runbot.kubernetes.readiness-poll", "100ms",
                "runbot.kubernetes.retry-base", "10ms");
    }

    @BeforeEach
    void client() throws IOException {
        api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
        kube = cluster.client();
    }

    @AfterAll
    void stopCluster() {
        leadership.close();
        cluster.close();
    }

    @Test
    void upBecomesReadyRedeploysInPlaceAndDownLeavesNothing() {
        ApiClient.Answer up = up(42, "abc1234abc1234abc1234");

        assertThat(up.status()).isEqualTo(200);
        assertThat(up.get("title")).isEqualTo("acme/shop#42 is starting");
        assertThat(image("shop-pr-42")).isEqualTo("ghcr.io/acme/shop:pr-42-abc1234");
        assertThat(kube.namespaces().withName("shop-pr-42").get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "runbot").containsEntry("runbot.dev/instance", "runbot");

        markAvailable("shop-pr-42");
        assertThat(awaitEnvironment("shop-pr-42", state("ready")).get("dryRun")).isEqualTo(false);

        ApiClient.Answer redeploy = up(42, "def5678def5678def5678");
        assertThat(redeploy.get("title")).isEqualTo("acme/shop#42 is starting");
        assertThat(image("shop-pr-42")).isEqualTo("ghcr.io/acme/shop:pr-42-def5678");
        markAvailable("shop-pr-42");
        awaitEnvironment("shop-pr-42", state("ready"));

        ApiClient.Answer down = api.command("/preview down", "acme/shop", 42);
        assertThat(down.get("title")).isEqualTo("acme/shop#42 is destroyed");
        assertThat(kube.namespaces().withName("shop-pr-42").get()).isNull();
        assertThat(kube.apps().deployments().inAnyNamespace().withLabel("runbot.dev/environment", "shop-pr-42")
                .list().getItems()).isEmpty();
        assertThat(kube.secrets().inAnyNamespace().withLabel("runbot.dev/environment", "shop-pr-42")
                .list().getItems()).isEmpty();
        assertThat(kube.persistentVolumeClaims().inAnyNamespace().withLabel("runbot.dev/environment", "shop-pr-42")
                .list().getItems()).isEmpty();
    }

    @Test
    void anEnvironmentThatCannotStartSaysWhyAndStaysForDebugging() {
        up(7, "0badc0de0badc0de");
        kube.pods().inNamespace("shop-pr-7").resource(new PodBuilder().withNewMetadata().withName("app-5c9f7-q2w3e")
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("ghcr.io/acme/shop:pr-7-0badc0d")
                .endContainer().endSpec().build()).create();
        kube.pods().inNamespace("shop-pr-7").withName("app-5c9f7-q2w3e").editStatus(pod -> {
            pod.setStatus(new PodStatusBuilder().addNewContainerStatus().withName("app")
                    .withImage("ghcr.io/acme/shop:pr-7-0badc0d").withImageID("").withReady(false).withRestartCount(0).withNewState().withNewWaiting()
                    .withReason("ImagePullBackOff").withMessage("Back-off pulling image").endWaiting().endState()
                    .endContainerStatus().build());
            return pod;
        });

        Map<String, Object> failed = awaitEnvironment("shop-pr-7", state("failed"));

        assertThat(failed.get("lastError"))
                .isEqualTo("ImagePullBackOff for ghcr.io/acme/shop:pr-7-0badc0d: Back-off pulling image");
        ApiClient.Answer status = api.command("/preview status", "acme/shop", 7);
        assertThat(status.get("title")).isEqualTo("acme/shop#7 failed to deploy");
        assertThat(status.get("text")).asString()
                .contains("The environment stays up for debugging until it expires or \"/preview down\".");
        assertThat(kube.namespaces().withName("shop-pr-7").get()).isNotNull();
    }

    @Test
    void aDatabasePasswordIsGeneratedOnceKeptAcrossRedeploysAndNeverLogged() {
        up("acme/shop-db", 5, "aaaa111aaaa111");
        Secret secret = kube.secrets().inNamespace("shop-db-pr-5").withName("postgres-credentials").get();
        String password = EndToEnd.secretValue(secret, "password");

        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(kube.apps().statefulSets().inNamespace("shop-db-pr-5").withName("postgres").get()).isNotNull();

        up("acme/shop-db", 5, "bbbb222bbbb222");
        assertThat(image("shop-db-pr-5")).isEqualTo("ghcr.io/acme/shop-db:pr-5-bbbb222");
        assertThat(EndToEnd.secretValue(kube.secrets().inNamespace("shop-db-pr-5").withName("postgres-credentials").get(),
                "password")).isEqualTo(password);
        assertThat(LOGS.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(password));

        api.command("/preview down", "acme/shop-db", 5);
        assertThat(kube.secrets().inNamespace("shop-db-pr-5").list().getItems()).isEmpty();
        assertThat(kube.persistentVolumeClaims().inNamespace("shop-db-pr-5").list().getItems()).isEmpty();
    }

    private ApiClient.Answer up(int number, String sha) {
        return up("acme/shop", number, sha);
    }

    private ApiClient.Answer up(String repository, int number, String sha) {
        return api.post("/api/v1/commands", "{\"text\": \"/preview up\", \"repository\": \"" + repository + "\","
                + " \"pullRequest\": " + number + ", \"headSha\": \"" + sha + "\"}");
    }

    private String image(String namespace) {
        return kube.apps().deployments().inNamespace(namespace).withName("app").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }

    private void markAvailable(String namespace) {
        kube.apps().deployments().inNamespace(namespace).withName("app").editStatus(deployment -> {
            deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1)
                    .withUpdatedReplicas(1).withReadyReplicas(1)
                    .withObservedGeneration(deployment.getMetadata().getGeneration()).build());
            return deployment;
        });
    }

    private static Predicate<Map<String, Object>> state(String wanted) {
        return environment -> wanted.equals(environment.get("state"));
    }

    /** Waits (bounded) for the reconciler to bring the environment where the test expects it. */
    private Map<String, Object> awaitEnvironment(String name, Predicate<Map<String, Object>> condition) {
        Map<String, Object> last = Map.of();
        for (int i = 0; i < 300; i++) {
            last = api.get("/api/v1/environments/" + name).object();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("environment " + name + " never reached the expected state; last seen: " + last);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("runbot-cluster-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
