package dev.runbot.provisioner.reconcile;

import dev.runbot.commands.Durations;
import dev.runbot.commands.Messages;
import dev.runbot.provisioner.LogContext;
import dev.runbot.provisioner.chart.ChartRenderer;
import dev.runbot.provisioner.chart.RenderRequest;
import dev.runbot.provisioner.cluster.ApplyResult;
import dev.runbot.provisioner.cluster.ClusterApplier;
import dev.runbot.provisioner.cluster.CredentialStore;
import dev.runbot.provisioner.cluster.KubernetesSettings;
import dev.runbot.provisioner.cluster.KubernetesUnavailableException;
import dev.runbot.provisioner.cluster.Readiness;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import dev.runbot.provisioner.config.SeedScriptSource;
import dev.runbot.provisioner.config.SourceUnavailableException;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import dev.runbot.provisioner.lifecycle.EnvironmentChanges;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent.Type;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.lifecycle.Requester;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives environments from what people asked for toward the cluster: renders and applies the
 * ones waiting to be deployed, watches applied ones until they serve or fail, and destroys the
 * ones waiting to go until their namespace is gone. Safe to run again at any time: an
 * environment with nothing to do is left alone, and every step can be repeated.
 *
 * <p>One writer per environment: each step runs under a claim on the environment's row, so no
 * two threads or replicas work on one environment at once. A command that changes the
 * environment meanwhile wins (the step's write fails its optimistic lock), and the claim's
 * holder looks again before it lets go, so the last command is the one the cluster follows.
 */
@Singleton
public class EnvironmentReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);
    private static final int ERROR_LIMIT = 2000;
    /** How many times one call looks again at an environment others kept changing. */
    private static final int ROUNDS = 5;
    /** How long a command's own step waits for another worker's step on the environment to end. */
    private static final Duration COMMAND_PATIENCE = Duration.ofSeconds(5);
    private static final Duration CLAIM_POLL = Duration.ofMillis(20);
    private static final List<EnvironmentState> WORK = List.of(EnvironmentState.PENDING,
            EnvironmentState.PROVISIONING, EnvironmentState.DESTROYING);
    private static final List<EnvironmentState> IN_FLIGHT = List.of(EnvironmentState.PROVISIONING,
            EnvironmentState.DESTROYING);

    private final EnvironmentStore store;
    private final EnvironmentChanges changes;
    private final ChartRenderer renderer;
    private final ClusterApplier cluster;
    private final PreviewConfigSource configs;
    private final CredentialStore credentials;
    private final SeedScriptSource seeds;
    private final KubernetesSettings kubernetes;
    private final ReconcileSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher<StepDuration> durations;
    /** The claims this process holds now, by environment: renewed while their steps run. */
    private final Map<Long, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;

    EnvironmentReconciler(EnvironmentStore store, EnvironmentChanges changes, ChartRenderer renderer,
                          ClusterApplier cluster, PreviewConfigSource configs, CredentialStore credentials,
                          SeedScriptSource seeds, KubernetesSettings kubernetes, ReconcileSettings settings,
                          Clock clock, ApplicationEventPublisher<StepDuration> durations) {
        this.store = store;
        this.changes = changes;
        this.renderer = renderer;
        this.cluster = cluster;
        this.configs = configs;
        this.credentials = credentials;
        this.seeds = seeds;
        this.kubernetes = kubernetes;
        this.settings = settings;
        this.clock = clock;
        this.durations = durations;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runbot-claim-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, settings.claimTimeout().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewClaims, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopHeartbeat() {
        heartbeat.shutdownNow();
    }

    /**
     * Keeps the claims of steps still running from running out, so a slow step (an API server
     * answering slowly, retries) is never joined by a second worker. A process that dies stops
     * renewing, and its claims run out within {@code runbot.reconcile.claim-timeout}.
     */
    private void renewClaims() {
        held.forEach((id, claimant) -> {
            try {
                if (store.renew(id, claimant, clock.instant().plus(settings.claimTimeout())) == 0) {
                    LOG.warn("the claim on environment {} ran out before it could be renewed", id);
                }
            } catch (RuntimeException e) {
                LOG.warn("renewing the claim on environment {} failed; the next beat tries again", id, e);
            }
        });
    }

    /**
     * Every environment with work pending, judged against {@code snapshot} where it is recent
     * enough: a destroyed environment whose namespace the list no longer has is gone without
     * another call, and the ones being provisioned are read together. Returns what changed.
     */
    public List<EnvironmentEvent> convergeAll(Optional<ClusterSnapshot> snapshot) {
        return converge(store.findByStateInList(WORK), snapshot);
    }

    /** Only environments being provisioned or destroyed: the quick follow-up between full passes. */
    public List<EnvironmentEvent> convergeInFlight() {
        List<Environment> inFlight = store.findByStateInList(IN_FLIGHT);
        if (inFlight.isEmpty()) {
            return List.of();
        }
        return converge(inFlight, snapshot());
    }

    /**
     * One environment, right after a command changed it; returns what changed. A step of another
     * worker on it is waited for a few seconds, so the command's answer says what happened; past
     * that, nothing, and that worker looks again before letting go.
     */
    public List<EnvironmentEvent> converge(long id) {
        return converge(id, Hints.NONE, COMMAND_PATIENCE);
    }

    private List<EnvironmentEvent> converge(List<Environment> work, Optional<ClusterSnapshot> snapshot) {
        Hints hints = new Hints(snapshot, readiness(work));
        List<EnvironmentEvent> events = new ArrayList<>();
        for (Environment environment : work) {
            try (LogContext context = LogContext.environment(environment)) {
                try {
                    events.addAll(converge(environment.id(), hints, Duration.ZERO));
                } catch (RuntimeException e) {
                    // Left in its state: the next pass tries again. One environment never blocks the rest.
                    LOG.warn("reconciling \"{}\" failed; it is retried on the next pass", environment.name(), e);
                }
            }
        }
        return events;
    }

    private List<EnvironmentEvent> converge(long id, Hints hints, Duration patience) {
        List<EnvironmentEvent> events = new ArrayList<>();
        Hints current = hints;
        for (int round = 0; round < ROUNDS; round++) {
            String claimant = UUID.randomUUID().toString();
            if (!claim(id, claimant, patience)) {
                LOG.debug("environment {} is being worked on elsewhere", id);
                break;
            }
            held.put(id, claimant);
            Long seen;
            try {
                Optional<Environment> environment = store.findById(id);
                if (environment.isEmpty()) {
                    break;
                }
                seen = environment.get().version();
                Optional<EnvironmentEvent> event;
                try (LogContext context = LogContext.environment(environment.get())) {
                    event = step(environment.get(), current);
                }
                if (event.isPresent()) {
                    events.add(event.get());
                    seen = event.get().environment().version();
                }
            } catch (OptimisticLockException e) {
                LOG.info("environment {} changed while it was worked on; looking at it again", id);
                current = Hints.NONE;
                continue;
            } finally {
                held.remove(id, claimant);
                store.release(id, claimant);
            }
            // A command may have changed it while it was claimed, and found it busy: look once more.
            Optional<Long> after = store.findById(id).map(Environment::version);
            if (after.isEmpty() || Objects.equals(after.get(), seen)) {
                break;
            }
            current = Hints.NONE;
        }
        return events;
    }

    /** Claims the environment, trying again for up to {@code patience} while another worker holds it. */
    private boolean claim(long id, String claimant, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Instant now = clock.instant();
            if (store.claim(id, claimant, now.plus(settings.claimTimeout()), now) == 1) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(CLAIM_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The readiness of every environment being provisioned, read together; empty when it cannot be read now. */
    private Map<String, Readiness> readiness(List<Environment> work) {
        List<Environment> provisioning = work.stream()
                .filter(environment -> environment.state() == EnvironmentState.PROVISIONING
                        && environment.desiredState() == DesiredState.UP)
                .toList();
        if (provisioning.size() < 2) {
            return Map.of();
        }
        try {
            return cluster.readiness(provisioning);
        } catch (RuntimeException e) {
            LOG.warn("reading the readiness of {} environments together failed; each is read on its own",
                    provisioning.size(), e);
            return Map.of();
        }
    }

    private Optional<ClusterSnapshot> snapshot() {
        try {
            return ClusterSnapshot.take(cluster, clock);
        } catch (RuntimeException e) {
            LOG.warn("listing runbot's namespaces failed; each environment is read on its own", e);
            return Optional.empty();
        }
    }

    private Optional<EnvironmentEvent> step(Environment environment, Hints hints) {
        try {
            if (environment.desiredState() == DesiredState.DOWN && environment.state() == EnvironmentState.DESTROYING) {
                return destroy(environment, hints);
            }
            if (environment.desiredState() == DesiredState.UP && environment.state() == EnvironmentState.PENDING) {
                return deploy(environment);
            }
            if (environment.desiredState() == DesiredState.UP && environment.state() == EnvironmentState.PROVISIONING) {
                return watch(environment, hints);
            }
            return Optional.empty();
        } catch (KubernetesUnavailableException e) {
            LOG.warn("\"{}\" waits for the Kubernetes API: {}", environment.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<EnvironmentEvent> deploy(Environment environment) {
        Instant started = clock.instant();
        PreviewConfigLookup lookup = configs.find(environment.pullRequestRef().repository());
        if (lookup instanceof PreviewConfigLookup.Unavailable unavailable) {
            LOG.info("\"{}\" waits for its configuration: {}", environment.name(), unavailable.message());
            return Optional.empty();
        }
        if (lookup instanceof PreviewConfigLookup.Missing missing) {
            return Optional.of(timed(fail(environment, missing.message()), started));
        }
        if (lookup instanceof PreviewConfigLookup.Invalid invalid) {
            return Optional.of(timed(fail(environment, invalid.message()), started));
        }
        PreviewConfig config = ((PreviewConfigLookup.Found) lookup).config();
        ApplyResult result;
        try {
            RenderRequest request = new RenderRequest(environment, config,
                    credentials.credentials(environment, config.databases()), seeds.scripts(environment, config));
            result = cluster.apply(environment, renderer.render(request));
        } catch (KubernetesUnavailableException e) {
            throw e;
        } catch (SourceUnavailableException e) {
            LOG.info("\"{}\" waits for its repository's files: {}", environment.name(), e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("deploying \"{}\" at image \"{}\" failed", environment.name(), environment.image(), e);
            result = new ApplyResult.Failed(e.getMessage());
        }
        if (result instanceof ApplyResult.Waiting waiting) {
            LOG.info("\"{}\" waits: {}", environment.name(), waiting.reason());
            return Optional.empty();
        }
        if (result instanceof ApplyResult.Failed failed) {
            return Optional.of(timed(fail(environment, failed.reason()), started));
        }
        if (result instanceof ApplyResult.Applied) {
            Environment applied = environment.toBuilder()
                    .state(EnvironmentState.PROVISIONING).dryRun(false).lastError(null).build();
            return Optional.of(changes.record(applied, Type.APPLIED, Requester.RUNBOT, "image " + environment.image()));
        }
        Environment ready = environment.toBuilder()
                .state(EnvironmentState.READY).dryRun(cluster.dryRun()).lastError(null).build();
        return Optional.of(timed(changes.record(ready, Type.READY, Requester.RUNBOT,
                cluster.dryRun() ? "dry-run" : "image " + environment.image()), started));
    }

    private Optional<EnvironmentEvent> watch(Environment environment, Hints hints) {
        Readiness readiness;
        try {
            Readiness read = hints.readiness().get(environment.namespace());
            readiness = read != null && hints.fresh(environment) ? read : cluster.readiness(environment);
        } catch (KubernetesUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // An answer runbot cannot read must not keep the environment waiting past its timeout.
            LOG.warn("reading the workloads of \"{}\" failed", environment.name(), e);
            readiness = new Readiness.Progressing("the workloads' status could not be read: " + e.getMessage());
        }
        if (readiness instanceof Readiness.Ready) {
            Environment ready = environment.toBuilder().state(EnvironmentState.READY).lastError(null).build();
            return Optional.of(timed(changes.record(ready, Type.READY, Requester.RUNBOT, "image " + environment.image()),
                    environment.updatedAt()));
        }
        if (readiness instanceof Readiness.Failed failed) {
            return Optional.of(timed(fail(environment, failed.reason()), environment.updatedAt()));
        }
        String detail = ((Readiness.Progressing) readiness).detail();
        // Counted from when it was applied (the record's last change), not from the deploy asked
        // for: a namespace applied again after it vanished, or a rebuilt record, gets its full time.
        if (clock.instant().isAfter(environment.updatedAt().plus(kubernetes.readinessTimeout()))) {
            return Optional.of(timed(fail(environment, "not ready after " + timeout() + ": " + detail),
                    environment.updatedAt()));
        }
        return Optional.empty();
    }

    /** The readiness timeout as people write it; under a minute in seconds, which durations elsewhere never need. */
    private String timeout() {
        Duration timeout = kubernetes.readinessTimeout();
        return timeout.toMinutes() < 1 ? timeout.toSeconds() + "s" : Durations.format(timeout);
    }

    private Optional<EnvironmentEvent> destroy(Environment environment, Hints hints) {
        // Always asked, even when the last list lacked the namespace: a step that lost its write
        // may have made it after that list. A namespace already gone costs one 404.
        if (cluster.destroy(environment) == ClusterApplier.Gone.TERMINATING) {
            return Optional.empty();
        }
        Environment gone = environment.toBuilder().state(EnvironmentState.DESTROYED).pinnedUntil(null).build();
        // Counted from the destroy request: nothing else changes an environment being destroyed.
        return Optional.of(timed(changes.record(gone, Type.DESTROYED, Requester.RUNBOT,
                "namespace " + environment.namespace() + " deleted"), environment.updatedAt()));
    }

    /**
     * Announces how long the environment took to settle, from {@code started} to the recorded
     * {@code event} (READY, FAILED or DESTROYED), and returns the event.
     */
    private EnvironmentEvent timed(EnvironmentEvent event, Instant started) {
        StepDuration.Outcome outcome = switch (event.type()) {
            case READY -> StepDuration.Outcome.READY;
            case FAILED -> StepDuration.Outcome.FAILED;
            case DESTROYED -> StepDuration.Outcome.DESTROYED;
            default -> throw new IllegalArgumentException("a " + event.type().label() + " event ends no step");
        };
        durations.publishEvent(new StepDuration(outcome, Duration.between(started, event.at())));
        return event;
    }

    private EnvironmentEvent fail(Environment environment, String reason) {
        String text = Messages.reason(reason, ERROR_LIMIT);
        Environment broken = environment.toBuilder().state(EnvironmentState.FAILED).lastError(text).build();
        return changes.record(broken, Type.FAILED, Requester.RUNBOT, text);
    }

    /**
     * What a pass already read for every environment at once; a command's own step reads afresh.
     *
     * @param readiness by namespace, read before the environments were claimed
     */
    private record Hints(Optional<ClusterSnapshot> snapshot, Map<String, Readiness> readiness) {

        static final Hints NONE = new Hints(Optional.empty(), Map.of());

        /** Whether what was read predates no change of the environment. */
        boolean fresh(Environment environment) {
            return snapshot.map(taken -> environment.updatedAt().isBefore(taken.takenAt())).orElse(false);
        }
    }
}
