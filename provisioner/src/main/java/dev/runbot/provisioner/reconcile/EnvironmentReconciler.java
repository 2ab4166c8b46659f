package dev.runbot.provisioner.reconcile;

import dev.runbot.commands.Durations;
import dev.runbot.commands.Messages;
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
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives environments from what people asked for toward the cluster: renders and applies the
 * ones waiting to be deployed, watches applied ones until they serve or fail, and destroys the
 * ones waiting to go until their namespace is gone. Safe to run again at any time: an
 * environment with nothing to do is left alone, and every step can be repeated.
 */
@Singleton
public class EnvironmentReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);
    private static final int ERROR_LIMIT = 2000;
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
    private final Clock clock;
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    EnvironmentReconciler(EnvironmentStore store, EnvironmentChanges changes, ChartRenderer renderer,
                          ClusterApplier cluster, PreviewConfigSource configs, CredentialStore credentials,
                          SeedScriptSource seeds, KubernetesSettings kubernetes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.renderer = renderer;
        this.cluster = cluster;
        this.configs = configs;
        this.credentials = credentials;
        this.seeds = seeds;
        this.kubernetes = kubernetes;
        this.clock = clock;
    }

    /** Every environment with work pending; returns what changed. */
    public List<EnvironmentEvent> convergeAll() {
        return converge(WORK);
    }

    /** Only environments being provisioned or destroyed: the quick follow-up between full passes. */
    public List<EnvironmentEvent> convergeInFlight() {
        return converge(IN_FLIGHT);
    }

    /**
     * One environment, read afresh under its lock so two passes in this process never work on it
     * at once; empty when it had nothing to do.
     */
    public Optional<EnvironmentEvent> converge(long id) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        try {
            return store.findById(id).flatMap(this::step);
        } finally {
            lock.unlock();
        }
    }

    private List<EnvironmentEvent> converge(List<EnvironmentState> states) {
        List<EnvironmentEvent> events = new ArrayList<>();
        for (Environment environment : store.findByStateInList(states)) {
            try {
                converge(environment.id()).ifPresent(events::add);
            } catch (RuntimeException e) {
                // Left in its state: the next pass tries again. One environment never blocks the rest.
                LOG.warn("reconciling \"{}\" failed; it is retried on the next pass", environment.name(), e);
            }
        }
        return events;
    }

    private Optional<EnvironmentEvent> step(Environment environment) {
        try {
            if (environment.desiredState() == DesiredState.DOWN && environment.state() == EnvironmentState.DESTROYING) {
                return destroy(environment);
            }
            if (environment.desiredState() == DesiredState.UP && environment.state() == EnvironmentState.PENDING) {
                return deploy(environment);
            }
            if (environment.desiredState() == DesiredState.UP && environment.state() == EnvironmentState.PROVISIONING) {
                return watch(environment);
            }
            return Optional.empty();
        } catch (KubernetesUnavailableException e) {
            LOG.warn("\"{}\" waits for the Kubernetes API: {}", environment.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<EnvironmentEvent> deploy(Environment environment) {
        PreviewConfigLookup lookup = configs.find(environment.pullRequestRef().repository());
        if (lookup instanceof PreviewConfigLookup.Unavailable unavailable) {
            LOG.info("\"{}\" waits for its configuration: {}", environment.name(), unavailable.message());
            return Optional.empty();
        }
        if (lookup instanceof PreviewConfigLookup.Missing missing) {
            return Optional.of(fail(environment, missing.message()));
        }
        if (lookup instanceof PreviewConfigLookup.Invalid invalid) {
            return Optional.of(fail(environment, invalid.message()));
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
            return Optional.of(fail(environment, failed.reason()));
        }
        if (result instanceof ApplyResult.Applied) {
            Environment applied = environment.toBuilder()
                    .state(EnvironmentState.PROVISIONING).dryRun(false).lastError(null).build();
            return Optional.of(changes.record(applied, Type.APPLIED, Requester.RUNBOT, "image " + environment.image()));
        }
        Environment ready = environment.toBuilder()
                .state(EnvironmentState.READY).dryRun(cluster.dryRun()).lastError(null).build();
        return Optional.of(changes.record(ready, Type.READY, Requester.RUNBOT,
                cluster.dryRun() ? "dry-run" : "image " + environment.image()));
    }

    private Optional<EnvironmentEvent> watch(Environment environment) {
        Readiness readiness;
        try {
            readiness = cluster.readiness(environment);
        } catch (KubernetesUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // An answer runbot cannot read must not keep the environment waiting past its timeout.
            LOG.warn("reading the workloads of \"{}\" failed", environment.name(), e);
            readiness = new Readiness.Progressing("the workloads' status could not be read: " + e.getMessage());
        }
        if (readiness instanceof Readiness.Ready) {
            Environment ready = environment.toBuilder().state(EnvironmentState.READY).lastError(null).build();
            return Optional.of(changes.record(ready, Type.READY, Requester.RUNBOT, "image " + environment.image()));
        }
        if (readiness instanceof Readiness.Failed failed) {
            return Optional.of(fail(environment, failed.reason()));
        }
        String detail = ((Readiness.Progressing) readiness).detail();
        if (clock.instant().isAfter(environment.deployedAt().plus(kubernetes.readinessTimeout()))) {
            return Optional.of(fail(environment, "not ready after " + timeout() + ": " + detail));
        }
        return Optional.empty();
    }

    /** The readiness timeout as people write it; under a minute in seconds, which durations elsewhere never need. */
    private String timeout() {
        Duration timeout = kubernetes.readinessTimeout();
        return timeout.toMinutes() < 1 ? timeout.toSeconds() + "s" : Durations.format(timeout);
    }

    private Optional<EnvironmentEvent> destroy(Environment environment) {
        if (cluster.destroy(environment) == ClusterApplier.Gone.TERMINATING) {
            return Optional.empty();
        }
        Environment gone = environment.toBuilder().state(EnvironmentState.DESTROYED).pinnedUntil(null).build();
        return Optional.of(changes.record(gone, Type.DESTROYED, Requester.RUNBOT,
                "namespace " + environment.namespace() + " deleted"));
    }

    private EnvironmentEvent fail(Environment environment, String reason) {
        String text = Messages.reason(reason, ERROR_LIMIT);
        Environment broken = environment.toBuilder().state(EnvironmentState.FAILED).lastError(text).build();
        return changes.record(broken, Type.FAILED, Requester.RUNBOT, text);
    }
}
