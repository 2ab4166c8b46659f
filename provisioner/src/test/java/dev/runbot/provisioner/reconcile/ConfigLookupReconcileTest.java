package dev.runbot.provisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.DefaultPreviewConfigSource;
import dev.runbot.provisioner.config.NoSeedScripts;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import dev.runbot.provisioner.config.SeedScriptSource;
import dev.runbot.provisioner.config.SourceUnavailableException;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.lifecycle.Channel;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.lifecycle.Requester;
import dev.runbot.provisioner.lifecycle.UpRequest;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When the repository's configuration is gone or broken by the time the reconciler deploys, the
 * environment fails with the reason; when it cannot be read just now, the deploy waits.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = ConfigLookupReconcileTest.SPEC)
@Property(name = "runbot.data-dir", value = "target/test-data/config-lookup")
class ConfigLookupReconcileTest {

    static final String SPEC = "ConfigLookupReconcileTest";

    @Inject EnvironmentService service;
    @Inject EnvironmentReconciler reconciler;

    @Test
    void aMissingConfigurationFailsTheDeployWithTheReason() {
        Environment environment = upAndConverge("missing");

        assertThat(environment.state()).isEqualTo(EnvironmentState.FAILED);
        assertThat(environment.lastError()).isEqualTo("acme/missing has no .preview.yaml on its default branch.");
    }

    @Test
    void anInvalidConfigurationFailsTheDeployNamingTheProblem() {
        Environment environment = upAndConverge("broken");

        assertThat(environment.state()).isEqualTo(EnvironmentState.FAILED);
        assertThat(environment.lastError()).contains("imgae: is not a known setting");
    }

    @Test
    void anUnreadableConfigurationOrSeedScriptMakesTheDeployWaitNotFail() {
        assertThat(upAndConverge("offline").state()).isEqualTo(EnvironmentState.PENDING);
        assertThat(upAndConverge("seeds-offline").state()).isEqualTo(EnvironmentState.PENDING);
    }

    private Environment upAndConverge(String name) {
        PullRequestRef pullRequest = new PullRequestRef(new RepositoryName("acme", name), 1);
        service.up(pullRequest, new UpRequest(PreviewConfig.defaults(pullRequest.repository()), Optional.of("0123456789"),
                Optional.empty(), Optional.empty(), Map.of(), new Requester("octocat", Channel.API)));
        reconciler.converge(service.live(pullRequest).orElseThrow().id());
        return service.live(pullRequest).orElseThrow();
    }

    /** Each repository's name says what reading its configuration gives. */
    @Singleton
    @Replaces(DefaultPreviewConfigSource.class)
    @Requires(property = "spec.name", value = SPEC)
    static class ScriptedConfigs implements PreviewConfigSource {
        @Override
        public PreviewConfigLookup find(RepositoryName repository) {
            return switch (repository.name()) {
                case "missing" -> new PreviewConfigLookup.Missing(repository + " has no .preview.yaml on its default branch.");
                case "broken" -> new PreviewConfigLookup.Invalid("line 1: imgae: is not a known setting.");
                case "offline" -> new PreviewConfigLookup.Unavailable("GitHub did not answer.");
                default -> new PreviewConfigLookup.Found(PreviewConfig.defaults(repository));
            };
        }
    }

    /** Seed scripts of {@code seeds-offline} cannot be read just now. */
    @Singleton
    @Replaces(NoSeedScripts.class)
    @Requires(property = "spec.name", value = SPEC)
    static class ScriptedSeeds implements SeedScriptSource {
        @Override
        public Map<String, String> scripts(Environment environment, PreviewConfig config) {
            if (environment.repository().endsWith("seeds-offline")) {
                throw new SourceUnavailableException("GitHub did not answer.", null);
            }
            return Map.of();
        }
    }
}
