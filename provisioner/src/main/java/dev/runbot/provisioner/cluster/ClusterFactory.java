package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.RunbotSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import io.micronaut.context.annotation.Context;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses how environments reach a cluster. */
@Factory
public class ClusterFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFactory.class);

    /**
     * This version of runbot renders to disk; applying to a live cluster comes with the
     * Kubernetes applier. Until then a found cluster is reported and left untouched.
     */
    @Context
    ClusterApplier clusterApplier(KubernetesSettings kubernetes, RunbotSettings settings) {
        Path rendered = settings.dataDir().resolve("rendered");
        Optional<String> cluster = ClusterLocator.locate(kubernetes, System.getenv(),
                Path.of(System.getProperty("user.home")));
        if (Boolean.FALSE.equals(kubernetes.dryRun())) {
            throw new IllegalStateException("runbot.kubernetes.dry-run=false asks for a live cluster, but this version"
                    + " of runbot can only render to disk; remove the setting or set it to true");
        }
        cluster.ifPresentOrElse(
                found -> LOG.warn("found a cluster ({}), but this version of runbot only renders to \"{}\" (dry-run)",
                        found, rendered.toAbsolutePath()),
                () -> LOG.info("no cluster found: dry-run, manifests are rendered to \"{}\"", rendered.toAbsolutePath()));
        return new DryRunClusterApplier(rendered);
    }

    /** Credentials come from where environments are applied: placeholders on disk, Secrets in a cluster. */
    @Singleton
    CredentialStore credentialStore() {
        return new PlaceholderCredentials();
    }
}
