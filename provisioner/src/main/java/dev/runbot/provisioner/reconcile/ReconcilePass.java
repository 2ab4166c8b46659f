package dev.runbot.provisioner.reconcile;

import dev.runbot.provisioner.cluster.ClusterApplier;
import dev.runbot.provisioner.lifecycle.Deadlines;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's level-triggered pass, in the order that keeps it safe: deadlines first (pins end,
 * the expired go), then one list of runbot's namespaces against the records (lost records
 * rebuilt, vanished namespaces deployed again, orphans collected), then every environment with
 * work driven a step further. A missed webhook or a crash only delays work; this finds it.
 */
@Singleton
public class ReconcilePass {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcilePass.class);

    private final Deadlines deadlines;
    private final NamespaceSweep sweep;
    private final EnvironmentReconciler reconciler;
    private final ClusterApplier cluster;
    private final Clock clock;

    ReconcilePass(Deadlines deadlines, NamespaceSweep sweep, EnvironmentReconciler reconciler, ClusterApplier cluster,
                  Clock clock) {
        this.deadlines = deadlines;
        this.sweep = sweep;
        this.reconciler = reconciler;
        this.cluster = cluster;
        this.clock = clock;
    }

    /**
     * Runs the pass, telling {@code events} and {@code orphans} of each phase's changes as soon as
     * that phase is done, so a later phase that fails, or a crash, cannot take earlier news with it.
     * A phase that fails is logged and the next one still runs.
     */
    public void run(Consumer<EnvironmentEvent> events, Consumer<OrphanCollected> orphans) {
        phase("applying deadlines", () -> deadlines.apply().forEach(events));
        Optional<ClusterSnapshot> snapshot;
        try {
            snapshot = ClusterSnapshot.take(cluster, clock);
        } catch (RuntimeException e) {
            LOG.warn("listing runbot's namespaces failed; records and namespaces are compared on the next pass", e);
            snapshot = Optional.empty();
        }
        snapshot.ifPresent(taken -> phase("comparing namespaces with records", () -> {
            NamespaceSweep.Sweep swept = sweep.sweep(taken);
            swept.events().forEach(events);
            swept.orphans().forEach(orphans);
        }));
        Optional<ClusterSnapshot> listed = snapshot;
        phase("driving environments with work", () -> reconciler.convergeAll(listed).forEach(events));
    }

    private static void phase(String what, Runnable phase) {
        try {
            phase.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed; the next pass tries again", what, e);
        }
    }
}
