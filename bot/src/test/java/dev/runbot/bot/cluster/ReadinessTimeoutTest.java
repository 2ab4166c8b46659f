package dev.runbot.bot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.api.ApiClient;
import dev.runbot.provisioner.reconcile.Leadership;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An environment whose workloads never become available fails after the readiness timeout, saying what it waited for. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadinessTimeoutTest implements TestPropertyProvider {

    final Path dataDir = temporaryDirectory();
    MockCluster cluster;

    /** Closed before the cluster, so the Lease is released while the cluster still answers, as on a real shutdown. */
    @Inject Leadership leadership;
    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockCluster(dataDir);
        return Map.of(
                "runbot.data-dir", dataDir.toString(),
                "runbot.kubernetes.kubeconfig", cluster.kubeconfig().toString(),
                "runbot.kubernetes.readiness-timeout", "2s",
                "runbot.kubernetes.readiness-poll", "100ms");
    }

    @AfterAll
    void stopCluster() {
        leadership.close();
        cluster.close();
    }

    @Test
    void workloadsThatNeverBecomeAvailableFailTheEnvironmentAfterTheTimeout() throws Exception {
        ApiClient api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
        assertThat(api.command("/preview up", "acme/shop", 3).get("state")).isEqualTo("provisioning");

        Map<String, Object> last = Map.of();
        for (int i = 0; i < 200 && !"failed".equals(last.get("state")); i++) {
            Thread.sleep(50);
            last = api.get("/api/v1/environments/shop-pr-3").object();
        }

        assertThat(last).containsEntry("state", "failed")
                .containsEntry("lastError", "not ready after 2s: Deployment/app: 0 of 1 ready");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("runbot-timeout-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
