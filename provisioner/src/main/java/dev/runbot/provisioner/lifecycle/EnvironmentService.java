package dev.runbot.provisioner.lifecycle;

import dev.runbot.commands.Messages;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.config.ImageReference;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.AuditEntry;
import dev.runbot.provisioner.environment.AuditLog;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentNames;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent.Type;
import dev.runbot.provisioner.lifecycle.ServiceResult.Changed;
import dev.runbot.provisioner.lifecycle.ServiceResult.Refusal;
import dev.runbot.provisioner.lifecycle.ServiceResult.Refused;
import dev.runbot.provisioner.lifecycle.ServiceResult.Unchanged;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What people can ask of environments — up, down, pin, unpin, extend, status, list — under the
 * lifecycle rules. It records intent (desired state, deadlines) and returns what changed; the
 * reconciler makes the cluster follow.
 */
@Singleton
public class EnvironmentService {

    private static final Sort BY_PULL_REQUEST = Sort.of(Sort.Order.asc("repositoryKey"), Sort.Order.asc("pullRequest"));
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final EnvironmentStore store;
    private final AuditLog audit;
    private final EnvironmentChanges changes;
    private final LifecycleSettings limits;
    private final RunbotSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EnvironmentService(EnvironmentStore store, AuditLog audit, EnvironmentChanges changes, LifecycleSettings limits,
                       RunbotSettings settings, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.changes = changes;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates the environment, or redeploys it at the pull request's current head. */
    @Transactional
    public ServiceResult up(PullRequestRef pullRequest, UpRequest request) {
        PreviewConfig config = request.config();
        Duration ttl = request.ttl().or(config::ttl).orElse(limits.ttl());
        if (ttl.compareTo(limits.maxLifetime()) > 0) {
            return new Refused(Refusal.LIMIT, Messages.ttlTooLong(limits.maxLifetime()));
        }
        Optional<String> forbidden = request.overrides().keySet().stream()
                .filter(key -> !config.allowedOverrides().contains(key))
                .sorted()
                .findFirst();
        if (forbidden.isPresent()) {
            return new Refused(Refusal.NOT_ALLOWED,
                    Messages.overrideNotAllowed(pullRequest.repository(), forbidden.get(), config.allowedOverrides()));
        }

        Instant now = clock.instant();
        String image = ImageReference.resolve(config, pullRequest, request.headSha(), request.branch());
        Optional<Environment> row = latest(pullRequest);
        if (row.filter(environment -> environment.state().live()).isPresent()) {
            Environment current = row.get();
            Instant expiresAt = latest(current.expiresAt(), now.plus(ttl));
            Environment redeploy = current.toBuilder()
                    .desiredState(DesiredState.UP).state(EnvironmentState.PENDING)
                    .headSha(request.headSha().orElse(current.headSha())).image(image)
                    .deployedAt(now).expiresAt(expiresAt).ttl(ttl).overrides(request.overrides())
                    .requestedBy(request.requester().name()).lastError(null)
                    .build();
            return changed(changes.record(redeploy, Type.REDEPLOYING, request.requester(), "image " + image), "");
        }

        String name = EnvironmentNames.of(config.project().orElse(null), pullRequest);
        Optional<Environment> holder = store.findByNameAndStateNotEqual(name, EnvironmentState.DESTROYED).stream()
                .findFirst();
        if (holder.isPresent()) {
            return new Refused(Refusal.NOT_ALLOWED, Messages.nameTaken(name, holder.get().pullRequestRef(), pullRequest));
        }
        // A destroyed environment's row is brought back, keeping its id and so its history.
        Environment.Builder fresh = row.map(Environment::toBuilder).orElseGet(Environment.Builder::new);
        Environment created = fresh
                .pullRequest(pullRequest).name(name).namespace(name)
                .desiredState(DesiredState.UP).state(EnvironmentState.PENDING)
                .headSha(request.headSha().orElse(null)).image(image)
                .url("https://" + host(name, config) + "." + settings.previewDomain())
                .dryRun(false).createdAt(now).deployedAt(now).expiresAt(now.plus(ttl)).pinnedUntil(null)
                .ttl(ttl).overrides(request.overrides())
                .requestedBy(request.requester().name()).lastError(null)
                .build();
        return changed(changes.record(created, Type.CREATED, request.requester(), "image " + image), "");
    }

    /** Destroys the environment: namespace, volumes, database, everything. */
    @Transactional
    public ServiceResult down(PullRequestRef pullRequest, Requester by) {
        return down(pullRequest, by, "asked by " + by.name());
    }

    /**
     * Destroys the environment for a reason nobody typed, e.g. that its pull request closed;
     * {@code why} is what the audit log and the announcements of the change say.
     */
    @Transactional
    public ServiceResult down(PullRequestRef pullRequest, Requester by, String why) {
        return withLive(pullRequest, current -> {
            if (current.desiredState() == DesiredState.DOWN) {
                return new Unchanged(current, Messages.alreadyBeingDestroyed(pullRequest));
            }
            Environment destroying = current.toBuilder()
                    .desiredState(DesiredState.DOWN).state(EnvironmentState.DESTROYING).build();
            return changed(changes.record(destroying, Type.DESTROYING, by, why), "");
        });
    }

    /** Keeps the environment past its TTL until the pin ends. */
    @Transactional
    public ServiceResult pin(PullRequestRef pullRequest, Optional<Duration> length, Requester by) {
        Duration wanted = length.orElse(limits.pinMax());
        if (wanted.compareTo(limits.pinMax()) > 0) {
            return new Refused(Refusal.LIMIT, Messages.pinTooLong(limits.pinMax()));
        }
        return withLive(pullRequest, current -> {
            Instant now = clock.instant();
            if (current.pinnedAt(now).isEmpty()) {
                List<PullRequestRef> pinned = store
                        .findByStateNotEqualAndPinnedUntilGreaterThanOrderByPinnedUntilAsc(EnvironmentState.DESTROYED, now)
                        .stream().map(Environment::pullRequestRef).toList();
                if (pinned.size() >= limits.maxPinned()) {
                    return new Refused(Refusal.LIMIT, Messages.tooManyPinned(pinned));
                }
            }
            Instant until = now.plus(wanted);
            Environment pinnedEnvironment = current.toBuilder().pinnedUntil(until).build();
            return changed(changes.record(pinnedEnvironment, Type.PINNED, by, "until " + until), "");
        });
    }

    /** Drops the pin; the TTL applies again. */
    @Transactional
    public ServiceResult unpin(PullRequestRef pullRequest, Requester by) {
        return withLive(pullRequest, current -> {
            if (current.pinnedAt(clock.instant()).isEmpty()) {
                return new Unchanged(current, Messages.notPinned(pullRequest));
            }
            Environment unpinned = current.toBuilder().pinnedUntil(null).build();
            return changed(changes.record(unpinned, Type.UNPINNED, by, "expires " + current.expiresAt()), "");
        });
    }

    /** Moves the expiry later, never beyond the maximum lifetime counted from the last deploy. */
    @Transactional
    public ServiceResult extend(PullRequestRef pullRequest, Optional<Duration> length, Requester by) {
        Duration wanted = length.orElse(limits.extendDefault());
        return withLive(pullRequest, current -> {
            Instant latestAllowed = current.deployedAt().plus(limits.maxLifetime());
            if (!current.expiresAt().isBefore(latestAllowed)) {
                return new Refused(Refusal.LIMIT,
                        Messages.atMaximumLifetime(pullRequest, current.expiresAt(), limits.maxLifetime()));
            }
            Instant asked = current.expiresAt().plus(wanted);
            Instant expiresAt = asked.isAfter(latestAllowed) ? latestAllowed : asked;
            String note = asked.isAfter(latestAllowed) ? Messages.extensionCut(limits.maxLifetime()) : "";
            Environment extended = current.toBuilder().expiresAt(expiresAt).build();
            return changed(changes.record(extended, Type.EXTENDED, by, "expires " + expiresAt), note);
        });
    }

    /**
     * Applies every deadline of the environment that has come: a pin that ended is dropped; an
     * unpinned environment past its expiry is destroyed; one within
     * {@code runbot.lifecycle.expiry-warning} of it is warned about, once per expiry.
     */
    @Transactional
    public List<EnvironmentEvent> applyDeadlines(long id) {
        Instant now = clock.instant();
        List<EnvironmentEvent> events = new ArrayList<>();
        Optional<Environment> current = store.findById(id);
        Optional<EnvironmentEvent> next;
        while (current.isPresent() && (next = nextDeadline(current.get(), now)).isPresent()) {
            events.add(next.get());
            current = Optional.of(next.get().environment());
        }
        return events;
    }

    /** Whether a deadline of the environment has come: decided from the row alone, so a pass can skip the rest. */
    public boolean deadlineDue(Environment environment) {
        return due(environment, clock.instant()).isPresent();
    }

    private Optional<EnvironmentEvent> nextDeadline(Environment current, Instant now) {
        return due(current, now).map(deadline -> switch (deadline) {
            case PIN_ENDED -> changes.record(current.toBuilder().pinnedUntil(null).build(), Type.UNPINNED,
                    Requester.RUNBOT, "the pin ended at " + Messages.time(current.pinnedUntil()));
            case EXPIRED -> changes.record(current.toBuilder()
                            .desiredState(DesiredState.DOWN).state(EnvironmentState.DESTROYING).build(),
                    Type.DESTROYING, Requester.RUNBOT, "it expired at " + Messages.time(current.expiresAt()));
            case WARNING -> changes.record(current.toBuilder().expiryWarnedFor(current.expiresAt()).build(),
                    Type.EXPIRING, Requester.RUNBOT, "expires at " + Messages.time(current.expiresAt()));
        });
    }

    /** The first deadline of the environment that has come by {@code now}, if any. */
    private Optional<Deadline> due(Environment current, Instant now) {
        if (!current.state().live() || current.desiredState() != DesiredState.UP) {
            return Optional.empty();
        }
        if (current.pinnedUntil() != null && !current.pinnedUntil().isAfter(now)) {
            return Optional.of(Deadline.PIN_ENDED);
        }
        if (current.pinnedAt(now).isPresent()) {
            return Optional.empty();
        }
        if (!current.expiresAt().isAfter(now)) {
            return Optional.of(Deadline.EXPIRED);
        }
        boolean warned = current.expiresAt().equals(current.expiryWarnedFor());
        if (!warned && !now.isBefore(current.expiresAt().minus(limits.expiryWarning()))) {
            return Optional.of(Deadline.WARNING);
        }
        return Optional.empty();
    }

    /** The deadlines an environment has, in the order they are applied. */
    private enum Deadline { PIN_ENDED, EXPIRED, WARNING }

    /** The live environment of a pull request, if there is one. */
    @ReadOnly
    public Optional<Environment> live(PullRequestRef pullRequest) {
        return store.findByRepositoryKeyAndPullRequest(pullRequest.repository().key(), pullRequest.number())
                .filter(environment -> environment.state().live());
    }

    /** The pull request's environment, live or destroyed, if it ever had one. */
    @ReadOnly
    public Optional<Environment> latest(PullRequestRef pullRequest) {
        return store.findByRepositoryKeyAndPullRequest(pullRequest.repository().key(), pullRequest.number());
    }

    /** Every live environment, or one repository's. */
    @ReadOnly
    public List<Environment> list(Optional<RepositoryName> repository) {
        return repository
                .map(name -> store.findByRepositoryKeyAndStateNotEqualOrderByPullRequestAsc(name.key(),
                        EnvironmentState.DESTROYED))
                .orElseGet(() -> store.findByStateNotEqual(EnvironmentState.DESTROYED, BY_PULL_REQUEST));
    }

    /** The 20 environments destroyed last, newest first; their rows are kept as history. */
    @ReadOnly
    public List<Environment> recentlyDestroyed() {
        return store.findTop20ByStateOrderByUpdatedAtDesc(EnvironmentState.DESTROYED);
    }

    /** How many environments are in a state, live or kept as history. */
    @ReadOnly
    public long count(EnvironmentState state) {
        return store.countByState(state);
    }

    @ReadOnly
    public Optional<Environment> byName(String name) {
        return store.findFirstByNameOrderByUpdatedAtDesc(name);
    }

    @ReadOnly
    public List<AuditEntry> history(Environment environment) {
        return audit.findByEnvironmentIdOrderById(environment.id());
    }

    private ServiceResult withLive(PullRequestRef pullRequest, Function<Environment, ServiceResult> action) {
        return live(pullRequest)
                .map(action)
                .orElseGet(() -> new Refused(Refusal.NOT_FOUND, Messages.noEnvironment(pullRequest)));
    }

    private String host(String name, PreviewConfig config) {
        if (config.urlSuffix() != PreviewConfig.UrlSuffix.RANDOM) {
            return name;
        }
        // The host stays one DNS label: cut the name to leave room for "-" and 6 characters.
        String base = name.substring(0, Math.min(name.length(), 56)).replaceAll("-+$", "");
        StringBuilder suffix = new StringBuilder(base).append('-');
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private static Changed changed(EnvironmentEvent event, String note) {
        return new Changed(event.environment(), List.of(event), note);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
