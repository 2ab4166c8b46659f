package dev.runbot.provisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Two replicas, each with its own client, electing a leader in a Lease on fabric8's API server in
 * CRUD mode over real HTTP: one leads at a time, a graceful close hands over at once, a replica
 * cut off from the API is replaced once its lease runs out — and at no sample do both lead.
 * Short leases keep each test to a few seconds; the bounds waited for are patience, not targets.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class LeaseLeadershipTest {

    static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LeaseLeadershipTest.class);
    static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    static final AtomicInteger LEASES = new AtomicInteger();

    static {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        LOGS.start();
        ((Logger) LoggerFactory.getLogger("dev.runbot.provisioner.reconcile")).addAppender(LOGS);
    }

    static KubernetesMockServer server;
    static KubernetesClient kube;

    final List<Replica> replicas = new ArrayList<>();
    /** Each test has its own Lease on the shared server. */
    String lease;

    @BeforeEach
    void ownLease() {
        lease = "runbot-reconciler-" + LEASES.incrementAndGet();
    }

    @AfterEach
    void closeReplicas() {
        replicas.forEach(Replica::close);
    }

    @Test
    void exactlyOneOfTwoReplicasLeadsAtATime() {
        Replica a = start("a", Duration.ofSeconds(2));
        Replica b = start("b", Duration.ofSeconds(2));
        watch("a leader", Duration.ofSeconds(10), a, b, () -> a.leading() || b.leading());

        Samples samples = sample(Duration.ofSeconds(2), a, b);

        assertThat(samples.total()).isGreaterThan(500);
        assertThat(samples.both()).isZero();
        assertThat(samples.none()).as("samples with no leader while the leader renews").isZero();
        assertThat(samples.onlyA() == samples.total() || samples.onlyB() == samples.total())
                .as("the same replica leads throughout: %s", samples).isTrue();
        Replica leader = a.leading() ? a : b;
        assertThat(holder()).isEqualTo(leader.identity());
    }

    @Test
    void closingTheLeaderReleasesTheLeaseSoTheOtherLeadsWithoutWaitingForItToRunOut() {
        Duration lease = Duration.ofSeconds(10);
        Replica a = start("a", lease);
        watch("a leading", Duration.ofSeconds(10), a, a, a::leading);
        Replica b = start("b", lease);
        Samples whileARenews = sample(Duration.ofSeconds(1), a, b);

        long closing = System.nanoTime();
        a.close();
        String right = holder();
        Duration handover = watch("b leading", Duration.ofSeconds(15), a, b, b::leading);

        LOG.info("graceful handover: b leads {} ms after a started closing (lease {} s)",
                Duration.ofNanos(System.nanoTime() - closing).toMillis(), lease.toSeconds());
        assertThat(whileARenews.onlyA()).isEqualTo(whileARenews.total());
        assertThat(a.leading()).isFalse();
        assertThat(right).as("the holder right after a closed: nobody, or b if it was quick").isIn(null, b.identity());
        assertThat(logged(Level.INFO, "released Lease \"default/" + this.lease + "\" held by \"" + a.identity()
                + "\": another replica can lead at once")).isTrue();
        // Promptly: at b's next look at the Lease, not once the lease a no longer renews has run out.
        assertThat(handover).isLessThan(lease);
        Lease held = kube.leases().inNamespace("default").withName(this.lease).get();
        assertThat(held.getSpec().getHolderIdentity()).isEqualTo(b.identity());
        assertThat(held.getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void aLeaderCutOffFromTheApiIsReplacedOnceItsLeaseRunsOutAndNeverBothLead() {
        Duration lease = Duration.ofSeconds(1);
        Replica a = start("a", lease);
        watch("a leading", Duration.ofSeconds(10), a, a, a::leading);
        Replica b = start("b", lease);
        Samples whileARenews = sample(Duration.ofMillis(1500), a, b);

        a.cutOff();
        Duration aStopped = watch("a no longer leading", Duration.ofSeconds(10), a, b, () -> !a.leading());
        Duration takeover = watch("b leading", Duration.ofSeconds(10), a, b, b::leading);

        LOG.info("takeover after a crash: a stopped leading {} ms after it was cut off, b led {} ms after it"
                + " (lease {} ms)", aStopped.toMillis(), aStopped.plus(takeover).toMillis(), lease.toMillis());
        assertThat(whileARenews.onlyA()).isEqualTo(whileARenews.total());
        assertThat(logged(Level.WARN, "reading Lease \"default/" + this.lease + "\" as \"" + a.identity()
                + "\": no answer (IOException: cut off by the test)")).isTrue();
        assertThat(holder()).isEqualTo(b.identity());
    }

    @Test
    void aReplicaThatLostTheLeaseCampaignsAgain() {
        Duration lease = Duration.ofSeconds(1);
        Replica a = start("a", lease);
        watch("a leading", Duration.ofSeconds(10), a, a, a::leading);
        Replica b = start("b", lease);
        a.cutOff();
        watch("b leading", Duration.ofSeconds(10), a, b, b::leading);

        a.reconnect();
        Samples whileBRenews = sample(Duration.ofSeconds(2), a, b);
        b.close();
        watch("a leading again", Duration.ofSeconds(10), a, b, a::leading);

        assertThat(whileBRenews.onlyB()).isEqualTo(whileBRenews.total());
        assertThat(holder()).isEqualTo(a.identity());
    }

    @Test
    void withTheApiDownAtStartupAReplicaSaysSoAndLeadsOnceItAnswers() {
        Replica a = startCutOff("a", Duration.ofSeconds(1));
        String reading = "reading Lease \"default/" + lease + "\" as \"" + a.identity()
                + "\": no answer (IOException: cut off by the test)";
        watch("the failed read logged", Duration.ofSeconds(10), a, a, () -> logged(Level.WARN, reading));
        assertThat(a.leading()).isFalse();

        a.reconnect();

        watch("a leading", Duration.ofSeconds(10), a, a, a::leading);
        assertThat(LOGS.list).filteredOn(event -> event.getFormattedMessage().contains(a.identity()))
                .extracting(ILoggingEvent::getLevel).doesNotContain(Level.ERROR);
    }

    @Test
    void aRefusalIsLoggedWithWhatWasRefusedAndTheReplicaTriesAgain() {
        server.expect().get().withPath("/apis/coordination.k8s.io/v1/namespaces/default/leases/" + lease)
                .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":403,"
                        + "\"reason\":\"Forbidden\",\"message\":\"leases.coordination.k8s.io \\\"" + lease + "\\\" is"
                        + " forbidden: User \\\"system:serviceaccount:runbot:runbot\\\" cannot get resource"
                        + " \\\"leases\\\" in API group \\\"coordination.k8s.io\\\" in the namespace \\\"default\\\"\"}")
                .times(2);
        Replica a = start("a", Duration.ofSeconds(1));

        watch("a leading", Duration.ofSeconds(10), a, a, a::leading);

        assertThat(logged(Level.WARN, "reading Lease \"default/" + lease + "\" as \"" + a.identity() + "\": 403"
                + " Forbidden: leases.coordination.k8s.io \"" + lease + "\" is forbidden: User"
                + " \"system:serviceaccount:runbot:runbot\" cannot get resource \"leases\" in API group"
                + " \"coordination.k8s.io\" in the namespace \"default\"")).isTrue();
    }

    @Test
    void startingAndStoppingToLeadAreLoggedWithTheLeaseAndTheIdentity() {
        Replica a = start("a", Duration.ofSeconds(1));
        watch("a leading", Duration.ofSeconds(10), a, a, a::leading);
        a.close();

        String as = "Lease \"default/" + lease + "\" as \"" + a.identity() + "\"";
        assertThat(logged(Level.INFO, "campaigning for " + as + " to run the periodic reconcile")).isTrue();
        assertThat(logged(Level.INFO, "leading: this replica holds " + as + " and runs the periodic reconcile")).isTrue();
        assertThat(logged(Level.INFO, "stopped leading: this replica no longer holds " + as + " (closing; releasing it)"))
                .isTrue();
    }

    private Replica start(String name, Duration lease) {
        Replica replica = Replica.start(server.url("/"), "default", this.lease, name + "-" + this.lease, lease);
        replicas.add(replica);
        return replica;
    }

    private Replica startCutOff(String name, Duration lease) {
        Replica replica = Replica.startCutOff(server.url("/"), "default", this.lease, name + "-" + this.lease, lease);
        replicas.add(replica);
        return replica;
    }

    private String holder() {
        return kube.leases().inNamespace("default").withName(lease).get().getSpec().getHolderIdentity();
    }

    private static boolean logged(Level level, String start) {
        return List.copyOf(LOGS.list).stream()
                .anyMatch(event -> event.getLevel() == level && event.getFormattedMessage().startsWith(start));
    }

    /** How often neither, one or the other, or both replicas said they lead. */
    record Samples(int none, int onlyA, int onlyB, int both) {
        int total() {
            return none + onlyA + onlyB + both;
        }
    }

    /** Asks both replicas whether they lead, about every half millisecond for {@code period}. */
    private static Samples sample(Duration period, Replica a, Replica b) {
        int none = 0;
        int onlyA = 0;
        int onlyB = 0;
        int both = 0;
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            boolean first = a.leading();
            boolean second = b.leading();
            if (first && second) {
                both++;
            } else if (first) {
                onlyA++;
            } else if (second) {
                onlyB++;
            } else {
                none++;
            }
            LockSupport.parkNanos(500_000);
        }
        return new Samples(none, onlyA, onlyB, both);
    }

    /**
     * Samples both replicas until {@code until} holds, at most for {@code patience}, and fails the
     * moment both say they lead. Returns how long it took.
     */
    private static Duration watch(String what, Duration patience, Replica a, Replica b, BooleanSupplier until) {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (System.nanoTime() < deadline) {
            boolean first = a.leading();
            boolean second = b.leading();
            assertThat(first && second && a != b).as("%s and %s both lead, waiting for %s", a.identity(), b.identity(), what)
                    .isFalse();
            if (until.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            LockSupport.parkNanos(500_000);
        }
        throw new AssertionError("waited " + patience.toSeconds() + "s for " + what);
    }
}
