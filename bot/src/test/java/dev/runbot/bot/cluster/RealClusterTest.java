package dev.runbot.bot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.api.ApiClient;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.DefaultPreviewConfigSource;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The lifecycle against a real cluster (kind, k3s, ...) named by {@code RUNBOT_IT_KUBECONFIG}:
 * real pods, real readiness, a real image pull failure, a namespace that really terminates.
 * Skipped when the variable is not set.
 */
@EnabledIfEnvironmentVariable(named = "RUNBOT_IT_KUBECONFIG", matches = ".+")
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClusterTest implements TestPropertyProvider {

    static final String SPEC = "RealClusterTest";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Path dataDir;

    @Override
    public Map<String, String> getProperties() {
        try {
            dataDir = Files.createTempDirectory("runbot-real-cluster");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("spec.name", SPEC,
                "runbot.data-dir", dataDir.toString(),
                "runbot.kubernetes.kubeconfig", System.getenv("RUNBOT_IT_KUBECONFIG"),
                "runbot.preview-domain", "preview.localhost");
    }

    @Test
    void aRealEnvironmentBecomesReadyAndGoesAway() throws Exception {
        ApiClient api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
        int number = 90_000 + (int) (System.currentTimeMillis() % 9_000);

        assertThat(api.command("/preview up", "runbot-it/nginx", number).status()).isEqualTo(200);
        assertThat(await(api, "nginx-pr-" + number, "ready", 300)).containsEntry("dryRun", false);

        api.command("/preview down", "runbot-it/nginx", number);
        await(api, "nginx-pr-" + number, "destroyed", 300);
    }

    @Test
    void anImageThatDoesNotExistFailsWithThePullError() throws Exception {
        ApiClient api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
        int number = 90_000 + (int) (System.currentTimeMillis() % 9_000) + 1;

        api.command("/preview up", "runbot-it/missing", number);
        Map<String, Object> failed = await(api, "missing-pr-" + number, "failed", 300);
        assertThat(failed.get("lastError")).asString().containsAnyOf("ImagePullBackOff", "ErrImagePull");

        api.command("/preview down", "runbot-it/missing", number);
        await(api, "missing-pr-" + number, "destroyed", 300);
    }

    private static Map<String, Object> await(ApiClient api, String name, String state, int seconds)
            throws InterruptedException {
        Map<String, Object> last = Map.of();
        for (int i = 0; i < seconds; i++) {
            last = api.get("/api/v1/environments/" + name).object();
            if (state.equals(last.get("state"))) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + " never became " + state + "; last seen: " + last);
    }

    /** Images that exist publicly (and one that does not), instead of GitHub's .preview.yaml. */
    @Singleton
    @Replaces(DefaultPreviewConfigSource.class)
    @Requires(property = "spec.name", value = SPEC)
    static class ItConfigs implements PreviewConfigSource {
        @Override
        public PreviewConfigLookup find(RepositoryName repository) {
            PreviewConfig defaults = PreviewConfig.defaults(repository);
            String image = repository.name().equals("nginx") ? "nginxinc/nginx-unprivileged"
                    : "ghcr.io/runbot-it/does-not-exist";
            return new PreviewConfigLookup.Found(new PreviewConfig(defaults.project(), image, "stable", Optional.of("stable"), 8080, "/",
                    defaults.ttl(), defaults.autoDeploy(), defaults.label(), defaults.databases(), defaults.env(),
                    defaults.resources(), defaults.allowedOverrides(), defaults.slackChannel(), defaults.urlSuffix(),
                    defaults.seed()));
        }
    }
}
