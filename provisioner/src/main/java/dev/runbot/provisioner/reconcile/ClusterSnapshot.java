package dev.runbot.provisioner.reconcile;

import dev.runbot.provisioner.cluster.ClusterApplier;
import dev.runbot.provisioner.cluster.RunbotNamespace;
import dev.runbot.provisioner.environment.Environment;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * runbot's namespaces as one LIST found them, and when. A record written after {@code takenAt}
 * may be newer than the list, so only older records are judged by it.
 *
 * @param takenAt when the list was asked for
 */
public record ClusterSnapshot(Instant takenAt, Map<String, RunbotNamespace> namespaces) {

    public ClusterSnapshot {
        namespaces = Map.copyOf(namespaces);
    }

    /** Lists the cluster once; empty in a dry run, where there are no namespaces to compare with. */
    static Optional<ClusterSnapshot> take(ClusterApplier cluster, Clock clock) {
        Instant takenAt = clock.instant();
        return cluster.namespaces().map(found -> new ClusterSnapshot(takenAt, found.stream()
                .collect(Collectors.toMap(RunbotNamespace::name, Function.identity(), (a, b) -> a))));
    }

    /** Whether the environment's namespace was gone (or going) although its record predates the list. */
    boolean lost(Environment environment) {
        RunbotNamespace namespace = namespaces.get(environment.namespace());
        return (namespace == null || namespace.terminating()) && environment.updatedAt().isBefore(takenAt);
    }
}
