package dev.runbot.provisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.lifecycle.Channel;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent.Type;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.lifecycle.Requester;
import dev.runbot.provisioner.lifecycle.UpRequest;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without a cluster, up renders the chart to disk and down removes it. */
@MicronautTest(transactional = false)
@Property(name = "runbot.data-dir", value = DryRunReconcileTest.DATA_DIR)
class DryRunReconcileTest {

    static final String DATA_DIR = "target/test-data/dry-run";
    static final PullRequestRef PR_9 = new PullRequestRef(RepositoryName.parse("acme/shop").orElseThrow(), 9);

    @Inject EnvironmentService service;
    @Inject EnvironmentReconciler reconciler;

    @Test
    void upRendersTheManifestToDiskAndMarksTheEnvironmentReadyInDryRun() throws Exception {
        service.up(PR_9, new UpRequest(PreviewConfig.defaults(PR_9.repository()), Optional.of("0123456789abcdef"),
                Optional.empty(), Optional.empty(), Map.of(), new Requester("octocat", Channel.API)));

        List<EnvironmentEvent> events = reconciler.convergeAll(Optional.empty());

        assertThat(events).extracting(EnvironmentEvent::type).containsExactly(Type.READY);
        Environment ready = service.live(PR_9).orElseThrow();
        assertThat(ready.state()).isEqualTo(EnvironmentState.READY);
        assertThat(ready.dryRun()).isTrue();
        Path manifest = Path.of(DATA_DIR, "rendered", "shop-pr-9", "manifest.yaml");
        assertThat(Files.readString(manifest))
                .contains("kind: Ingress", "host: \"shop-pr-9.preview.test\"", "image: \"ghcr.io/acme/shop:pr-9-0123456\"");
        assertThat(reconciler.convergeAll(Optional.empty())).as("a second pass has nothing to do").isEmpty();

        service.down(PR_9, new Requester("octocat", Channel.API));
        assertThat(reconciler.convergeAll(Optional.empty())).extracting(EnvironmentEvent::type).containsExactly(Type.DESTROYED);
        assertThat(manifest.getParent()).doesNotExist();
    }
}
