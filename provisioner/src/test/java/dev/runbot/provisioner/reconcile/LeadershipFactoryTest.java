package dev.runbot.provisioner.reconcile;

import dev.runbot.provisioner.Kubeconfigs;
import dev.runbot.provisioner.RunbotSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.provisioner.cluster.ClusterFactory;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubernetes.client.util.ClientBuilder;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who runs the periodic work, as the application context decides it: the holder of the
 * {@code runbot-reconciler} Lease when there is a cluster — released when the context closes —
 * and this replica alone in a dry run or with leader election turned off.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class LeadershipFactoryTest {

    static final RunbotSettings RUNBOT = new RunbotSettings(java.nio.file.Path.of("runbot-data"), "preview.test");

    static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    static KubernetesMockServer server;
    static KubernetesClient kube;

    @TempDir Path dir;

    @Test
    void withoutAClusterThisReplicaRunsThePeriodicWorkAlone() {
        Leadership leadership = new LeadershipFactory().leadership(new ClusterFactory.Target(Optional.empty(), dir),
                settings(true), RUNBOT);

        assertThat(leadership).isSameAs(Leadership.SOLE);
        assertThat(leadership.leading()).isTrue();
    }

    @Test
    void withLeaderElectionOffThisReplicaRunsThePeriodicWorkAloneEvenWithACluster() {
        ClusterFactory.Target cluster = new ClusterFactory.Target(
                Optional.of(new ClientBuilder().setBasePath(server.url("/").replaceAll("/$", "")).build()), dir);

        assertThat(new LeadershipFactory().leadership(cluster, settings(false), RUNBOT)).isSameAs(Leadership.SOLE);
    }

    @Test
    void aDryRunContextLeadsAlone() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "runbot.data-dir", dir.toString(), "runbot.kubernetes.dry-run", "true"))) {
            assertThat(context.getBean(Leadership.class)).isSameAs(Leadership.SOLE);
        }
    }

    /** As when a scheduled pass makes the beans again while the context stops: no startup, no campaign. */
    @Test
    void aLeadershipMadeAfterStartupNeverCampaigns() throws InterruptedException {
        ClusterFactory.Target cluster = new ClusterFactory.Target(
                Optional.of(new ClientBuilder().setBasePath(server.url("/").replaceAll("/$", "")).build()), dir);
        ReconcileSettings quick = new ReconcileSettings(Duration.ofMinutes(10), Duration.ofSeconds(1),
                Duration.ofMinutes(5), "late", true);

        try (Leadership late = new LeadershipFactory().leadership(cluster, quick, RUNBOT)) {
            Thread.sleep(1_000);

            assertThat(late).isInstanceOf(LeaseLeadership.class);
            assertThat(late.leading()).isFalse();
            assertThat(kube.leases().inNamespace("late").withName("runbot-reconciler").get()).isNull();
        }
    }

    @Test
    void withAClusterTheContextCampaignsForTheLeaseAtStartupAndReleasesItWhenItCloses() throws Exception {
        Lease held;
        String identity;
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "runbot.data-dir", dir.toString(),
                "runbot.kubernetes.kubeconfig", kubeconfig().toString(),
                "runbot.reconcile.lease-namespace", "runbot-system",
                "runbot.reconcile.lease-duration", "1s"))) {
            Leadership leadership = context.getBean(Leadership.class);
            assertThat(leadership).isInstanceOf(LeaseLeadership.class);
            awaitLeading(leadership);
            held = lease();
            identity = held.getSpec().getHolderIdentity();
        }

        assertThat(identity).isNotBlank();
        assertThat(held.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        assertThat(lease().getSpec().getHolderIdentity()).as("released when the context closed").isNull();
    }

    @Test
    void leaderElectionCanBeTurnedOffForASingleReplica() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "runbot.data-dir", dir.toString(),
                "runbot.kubernetes.kubeconfig", kubeconfig().toString(),
                "runbot.reconcile.leader-election", "false"))) {
            assertThat(context.getBean(Leadership.class)).isSameAs(Leadership.SOLE);
        }
    }

    private static Lease lease() {
        return kube.leases().inNamespace("runbot-system").withName("runbot-reconciler").get();
    }

    private static void awaitLeading(Leadership leadership) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!leadership.leading() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(leadership.leading()).as("leading within 10s").isTrue();
    }

    private static ReconcileSettings settings(boolean leaderElection) {
        return new ReconcileSettings(Duration.ofMinutes(10), Duration.ofSeconds(15), Duration.ofMinutes(5), null,
                leaderElection);
    }

    private Path kubeconfig() {
        return Kubeconfigs.write(dir.resolve("kubeconfig"), server.url("/"));
    }
}
