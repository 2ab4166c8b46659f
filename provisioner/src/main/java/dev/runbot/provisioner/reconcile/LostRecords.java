package dev.runbot.provisioner.reconcile;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.cluster.RunbotNamespace;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentLabels;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import dev.runbot.provisioner.environment.OverridesConverter;
import dev.runbot.provisioner.lifecycle.EnvironmentChanges;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.lifecycle.LifecycleSettings;
import dev.runbot.provisioner.lifecycle.Requester;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the record of a namespace the database lost — emptied, restored from an older
 * backup — from the labels and annotations runbot put on it. A namespace whose pull request's
 * record says runbot destroyed it after that namespace was deployed is no lost record but an
 * orphan, and is left to be collected.
 */
@Singleton
class LostRecords {

    private static final Logger LOG = LoggerFactory.getLogger(LostRecords.class);

    private final EnvironmentStore store;
    private final EnvironmentChanges changes;
    private final LifecycleSettings lifecycle;
    private final RunbotSettings settings;

    LostRecords(EnvironmentStore store, EnvironmentChanges changes, LifecycleSettings lifecycle,
                RunbotSettings settings) {
        this.store = store;
        this.changes = changes;
        this.lifecycle = lifecycle;
        this.settings = settings;
    }

    /** The rebuilt environment, provisioning until its workloads are read; empty when the namespace is not a lost record. */
    Optional<EnvironmentEvent> rebuild(RunbotNamespace namespace) {
        Optional<PullRequestRef> pullRequest = pullRequest(namespace);
        if (pullRequest.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> annotations = namespace.annotations();
        Instant createdAt = instant(annotations.get(EnvironmentLabels.CREATED_AT)).orElse(namespace.createdAt());
        Instant deployedAt = instant(annotations.get(EnvironmentLabels.DEPLOYED_AT)).orElse(createdAt);
        Optional<Environment> row = store.findByRepositoryKeyAndPullRequest(pullRequest.get().repository().key(),
                pullRequest.get().number());
        if (row.isPresent() && (row.get().state().live() || !deployedAt.isAfter(row.get().updatedAt()))) {
            return Optional.empty();
        }
        String name = namespace.labels().getOrDefault(EnvironmentLabels.ENVIRONMENT, namespace.name());
        if (!store.findByNameAndStateNotEqual(name, EnvironmentState.DESTROYED).isEmpty()) {
            return Optional.empty();
        }
        Duration ttl = duration(annotations.get(EnvironmentLabels.TTL)).orElse(lifecycle.ttl());
        Environment rebuilt = row.map(Environment::toBuilder).orElseGet(Environment.Builder::new)
                .pullRequest(pullRequest.get()).name(name).namespace(namespace.name())
                .desiredState(DesiredState.UP).state(EnvironmentState.PROVISIONING)
                .headSha(annotations.get(EnvironmentLabels.HEAD_SHA))
                .image(annotations.get(EnvironmentLabels.IMAGE))
                .url(annotations.getOrDefault(EnvironmentLabels.URL, "https://" + name + "." + settings.previewDomain()))
                .dryRun(false).createdAt(createdAt).deployedAt(deployedAt)
                .expiresAt(instant(annotations.get(EnvironmentLabels.EXPIRES_AT)).orElse(deployedAt.plus(ttl)))
                .pinnedUntil(instant(annotations.get(EnvironmentLabels.PINNED_UNTIL)).orElse(null))
                .expiryWarnedFor(null)
                .requestedBy(annotations.getOrDefault(EnvironmentLabels.REQUESTED_BY, Requester.RUNBOT.name()))
                .lastError(null).ttl(ttl)
                .overrides(new OverridesConverter().convertToEntityValue(
                        annotations.getOrDefault(EnvironmentLabels.OVERRIDES, ""), null))
                .build();
        try {
            EnvironmentEvent event = changes.record(rebuilt, EnvironmentEvent.Type.RESTORED, Requester.RUNBOT,
                    "rebuilt from namespace " + namespace.name() + ": the database had no live record of it");
            LOG.warn("rebuilt the record of \"{}\" ({}) from its namespace: the database had no live record of it",
                    name, pullRequest.get());
            return Optional.of(event);
        } catch (DataAccessException e) {
            boolean writtenMeanwhile = store.findByRepositoryKeyAndPullRequest(pullRequest.get().repository().key(),
                    pullRequest.get().number()).filter(environment -> environment.state().live()).isPresent();
            if (!writtenMeanwhile) {
                // Undecided is never "not lost": the namespace must not be collected as an orphan.
                throw e;
            }
            LOG.info("not rebuilding \"{}\": an `up` wrote its record meanwhile", name);
            return Optional.empty();
        }
    }

    /** The pull request a namespace belongs to: the exact repository name is an annotation, the number a label. */
    static Optional<PullRequestRef> pullRequest(RunbotNamespace namespace) {
        Optional<RepositoryName> repository = Optional.ofNullable(
                namespace.annotations().get(EnvironmentLabels.REPOSITORY_NAME)).flatMap(RepositoryName::parse);
        String number = namespace.labels().get(EnvironmentLabels.PULL_REQUEST);
        if (repository.isEmpty() || number == null || !number.matches("[1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PullRequestRef(repository.get(), Integer.parseInt(number)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> duration(String text) {
        try {
            return Optional.ofNullable(text).map(Duration::parse).filter(ttl -> !ttl.isNegative() && !ttl.isZero());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
