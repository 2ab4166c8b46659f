package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.RunbotSettings;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses how environments reach a cluster: the Kubernetes API when one is found, files on disk otherwise. */
@Factory
public class ClusterFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFactory.class);

    /** Where runbot applies to, decided once at start. */
    public record Target(Optional<ApiClient> client, Path renderedDir) {
    }

    @Context
    Target target(KubernetesSettings kubernetes, RunbotSettings settings) {
        Path rendered = settings.dataDir().resolve("rendered");
        Optional<String> cluster = ClusterLocator.locate(kubernetes, System.getenv(),
                Path.of(System.getProperty("user.home")));
        boolean dryRun = kubernetes.dryRun() != null ? kubernetes.dryRun() : cluster.isEmpty();
        if (dryRun) {
            LOG.info("{}: dry-run, manifests are rendered to \"{}\"",
                    cluster.map(found -> "dry-run asked for (a cluster is at " + found + ")").orElse("no cluster found"),
                    rendered.toAbsolutePath());
            return new Target(Optional.empty(), rendered);
        }
        String where = cluster.orElseThrow(() -> new IllegalStateException("runbot.kubernetes.dry-run=false, but no"
                + " cluster was found: set runbot.kubernetes.kubeconfig or $KUBECONFIG, or run runbot in a cluster"));
        LOG.info("applying environments to the cluster of {}", where);
        return new Target(Optional.of(client(kubernetes)), rendered);
    }

    @Singleton
    ClusterApplier clusterApplier(Target target, KubernetesSettings kubernetes, RunbotSettings settings) {
        return target.client()
                .<ClusterApplier>map(client -> new KubernetesClusterApplier(client, calls(kubernetes), settings.instance()))
                .orElseGet(() -> new DryRunClusterApplier(target.renderedDir()));
    }

    /** Credentials come from where environments are applied: placeholders on disk, Secrets in a cluster. */
    @Singleton
    CredentialStore credentialStore(Target target, KubernetesSettings kubernetes) {
        return target.client()
                .<CredentialStore>map(client -> new KubernetesCredentialStore(client, calls(kubernetes)))
                .orElseGet(PlaceholderCredentials::new);
    }

    private static KubernetesCalls calls(KubernetesSettings kubernetes) {
        return new KubernetesCalls(kubernetes.retryAttempts(), kubernetes.retryBase(), kubernetes.retryCap());
    }

    private static ApiClient client(KubernetesSettings kubernetes) {
        try {
            ApiClient client;
            if (kubernetes.kubeconfig() != null) {
                try (Reader reader = Files.newBufferedReader(kubernetes.kubeconfig(), StandardCharsets.UTF_8)) {
                    KubeConfig config = KubeConfig.loadKubeConfig(reader);
                    config.setFile(kubernetes.kubeconfig().toFile());
                    client = ClientBuilder.kubeconfig(config).build();
                }
            } else {
                client = ClientBuilder.standard().build();
            }
            client.setReadTimeout(30_000);
            client.setConnectTimeout(10_000);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the cluster configuration"
                    + (kubernetes.kubeconfig() == null ? "" : " \"" + kubernetes.kubeconfig() + "\""), e);
        }
    }
}
