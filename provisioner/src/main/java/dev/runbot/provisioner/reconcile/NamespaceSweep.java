package dev.runbot.provisioner.reconcile;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.provisioner.cluster.ClusterApplier;
import dev.runbot.provisioner.cluster.RunbotNamespace;
import dev.runbot.provisioner.environment.AuditEntry;
import dev.runbot.provisioner.environment.AuditLog;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentLabels;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import dev.runbot.provisioner.lifecycle.Channel;
import dev.runbot.provisioner.lifecycle.EnvironmentChanges;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.lifecycle.Requester;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the records and runbot's namespaces to each other on the leader's pass: rebuilds the
 * record of a namespace the database lost, deploys again an environment whose namespace
 * vanished, collects namespaces no environment owns once their grace period is over, and keeps
 * each namespace's annotations in step with its record so the record can always be rebuilt.
 * It works from one list of the namespaces; with nothing changed it makes no call at all.
 */
@Singleton
public class NamespaceSweep {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceSweep.class);
    private static final Set<EnvironmentState> SETTLED = Set.of(EnvironmentState.PROVISIONING,
            EnvironmentState.READY, EnvironmentState.FAILED);
    /**
     * Environments whose namespace is known to have existed. A failed one is left alone: its
     * deploy may have failed before any namespace was made, and deploying it again every pass
     * would fail it again every pass.
     */
    private static final Set<EnvironmentState> APPLIED = Set.of(EnvironmentState.PROVISIONING,
            EnvironmentState.READY);

    private final EnvironmentStore store;
    private final EnvironmentChanges changes;
    private final AuditLog audit;
    private final LostRecords lostRecords;
    private final ClusterApplier cluster;
    private final ReconcileSettings settings;
    private final Clock clock;

    NamespaceSweep(EnvironmentStore store, EnvironmentChanges changes, AuditLog audit, LostRecords lostRecords,
                   ClusterApplier cluster, ReconcileSettings settings, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.audit = audit;
        this.lostRecords = lostRecords;
        this.cluster = cluster;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one sweep changed: environments' events, and the orphans it deleted. */
    public record Sweep(List<EnvironmentEvent> events, List<OrphanCollected> orphans) {
    }

    public Sweep sweep(ClusterSnapshot snapshot) {
        List<Environment> live = store.findByStateNotEqual(EnvironmentState.DESTROYED, Sort.of(Sort.Order.asc("id")));
        Map<String, Environment> owners = live.stream()
                .collect(Collectors.toMap(Environment::namespace, Function.identity(), (a, b) -> a));
        List<EnvironmentEvent> events = new ArrayList<>();
        List<OrphanCollected> orphans = new ArrayList<>();
        for (RunbotNamespace namespace : snapshot.namespaces().values()) {
            try {
                Environment owner = owners.get(namespace.name());
                if (owner != null) {
                    keepAnnotated(owner, namespace);
                } else if (!namespace.terminating()) {
                    Optional<EnvironmentEvent> rebuilt = lostRecords.rebuild(namespace);
                    if (rebuilt.isPresent()) {
                        events.add(rebuilt.get());
                    } else {
                        collect(namespace, snapshot).ifPresent(orphans::add);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("sweeping namespace \"{}\" failed; the next pass tries again", namespace.name(), e);
            }
        }
        for (Environment environment : live) {
            try {
                redeployLost(environment, snapshot).ifPresent(events::add);
            } catch (OptimisticLockException e) {
                LOG.info("\"{}\" changed while its namespace was looked for; the next pass looks again",
                        environment.name());
            } catch (RuntimeException e) {
                LOG.warn("deploying the lost namespace of \"{}\" again failed; the next pass tries again",
                        environment.name(), e);
            }
        }
        return new Sweep(events, orphans);
    }

    /** An environment people want up whose namespace is gone from the cluster: someone deleted it, or the cluster is new. */
    private Optional<EnvironmentEvent> redeployLost(Environment environment, ClusterSnapshot snapshot) {
        if (environment.desiredState() != DesiredState.UP || !APPLIED.contains(environment.state())
                || !snapshot.lost(environment)) {
            return Optional.empty();
        }
        LOG.warn("the namespace of \"{}\" is missing from the cluster; deploying it again", environment.name());
        Environment again = environment.toBuilder().state(EnvironmentState.PENDING).lastError(null).build();
        return Optional.of(changes.record(again, EnvironmentEvent.Type.REDEPLOYING, Requester.RUNBOT,
                "namespace " + environment.namespace() + " was missing from the cluster; deploying it again"));
    }

    /** Writes the record's annotations onto its namespace when they differ: a pin, an extend, a rebuilt record. */
    private void keepAnnotated(Environment owner, RunbotNamespace namespace) {
        if (namespace.terminating() || !SETTLED.contains(owner.state()) || annotated(owner, namespace)) {
            return;
        }
        LOG.debug("annotating namespace \"{}\" with its record", namespace.name());
        cluster.annotate(owner);
    }

    private static boolean annotated(Environment owner, RunbotNamespace namespace) {
        Map<String, String> wanted = EnvironmentLabels.annotations(owner);
        return EnvironmentLabels.ANNOTATIONS.stream()
                .allMatch(key -> Objects.equals(wanted.get(key), namespace.annotations().get(key)));
    }

    /** Deletes a namespace no live environment owns, once it is older than the grace period. */
    private Optional<OrphanCollected> collect(RunbotNamespace namespace, ClusterSnapshot snapshot) {
        Instant now = clock.instant();
        if (namespace.createdAt().plus(settings.orphanGrace()).isAfter(now)) {
            LOG.debug("namespace \"{}\" has no live environment; it is collected after {}", namespace.name(),
                    settings.orphanGrace());
            return Optional.empty();
        }
        // The list is a moment old: any replica may have claimed or destroyed the namespace since.
        if (store.findByNamespace(namespace.name()).stream().anyMatch(environment -> environment.state().live()
                || !environment.updatedAt().isBefore(snapshot.takenAt()))) {
            return Optional.empty();
        }
        Optional<PullRequestRef> pullRequest = LostRecords.pullRequest(namespace);
        if (!cluster.deleteNamespace(namespace.name())) {
            return Optional.empty();
        }
        Optional<Long> row = pullRequest.flatMap(ref -> store.findByRepositoryKeyAndPullRequest(ref.repository().key(),
                ref.number())).map(Environment::id);
        String detail = "namespace " + namespace.name() + " had no live environment for "
                + settings.orphanGrace().toMinutes() + " minutes or more (created " + namespace.createdAt() + ")";
        audit.save(new AuditEntry(null, row.orElse(null), namespace.name(),
                pullRequest.map(ref -> ref.repository().toString()).orElse(null),
                pullRequest.map(PullRequestRef::number).orElse(null),
                Requester.RUNBOT.name(), Channel.RUNBOT.label(), "orphan-deleted", detail, now));
        LOG.warn("deleted orphaned namespace \"{}\": {}", namespace.name(), detail);
        return Optional.of(new OrphanCollected(namespace.name(), pullRequest, namespace.createdAt(), now));
    }
}
