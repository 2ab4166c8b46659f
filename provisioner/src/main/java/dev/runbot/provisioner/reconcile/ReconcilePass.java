package dev.runbot.provisioner.reconcile;

import dev.runbot.provisioner.cluster.ClusterApplier;
import dev.runbot.provisioner.lifecycle.Deadlines;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** What one pass changed. */
    public record Outcome(List<EnvironmentEvent> events, List<OrphanCollected> orphans) {
    }

    public Outcome run() {
        List<EnvironmentEvent> events = new ArrayList<>(deadlines.apply());
        List<OrphanCollected> orphans = List.of();
        Optional<ClusterSnapshot> snapshot;
        try {
            snapshot = ClusterSnapshot.take(cluster, clock);
        } catch (RuntimeException e) {
            LOG.warn("listing runbot's namespaces failed; records and namespaces are compared on the next pass", e);
            snapshot = Optional.empty();
        }
        if (snapshot.isPresent()) {
            NamespaceSweep.Sweep swept = sweep.sweep(snapshot.get());
            events.addAll(swept.events());
            orphans = swept.orphans();
        }
        events.addAll(reconciler.convergeAll(snapshot));
        return new Outcome(events, orphans);
    }
}
