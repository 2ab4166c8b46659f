package dev.runbot.provisioner.reconcile;

import dev.runbot.provisioner.chart.ChartRenderer;
import dev.runbot.provisioner.chart.RenderRequest;
import dev.runbot.provisioner.cluster.ApplyResult;
import dev.runbot.provisioner.cluster.ClusterApplier;
import dev.runbot.provisioner.cluster.CredentialStore;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.config.PreviewConfigSource;
import dev.runbot.provisioner.config.SeedScriptSource;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import dev.runbot.provisioner.lifecycle.EnvironmentChanges;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent.Type;
import dev.runbot.provisioner.lifecycle.Requester;
import jakarta.inject.Singleton;
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
 * ones waiting to be deployed, destroys the ones waiting to go. Safe to run again at any time:
 * an environment with nothing to do is left alone.
 */
@Singleton
public class EnvironmentReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);
    private static final int ERROR_LIMIT = 2000;

    private final EnvironmentStore store;
    private final EnvironmentChanges changes;
    private final ChartRenderer renderer;
    private final ClusterApplier cluster;
    private final PreviewConfigSource configs;
    private final CredentialStore credentials;
    private final SeedScriptSource seeds;
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    EnvironmentReconciler(EnvironmentStore store, EnvironmentChanges changes, ChartRenderer renderer,
                          ClusterApplier cluster, PreviewConfigSource configs, CredentialStore credentials,
                          SeedScriptSource seeds) {
        this.store = store;
        this.changes = changes;
        this.renderer = renderer;
        this.cluster = cluster;
        this.configs = configs;
        this.credentials = credentials;
        this.seeds = seeds;
    }

    /** Every environment with work pending; returns what changed. */
    public List<EnvironmentEvent> convergeAll() {
        List<EnvironmentEvent> events = new ArrayList<>();
        for (Environment environment : store.findByStateInList(
                List.of(EnvironmentState.PENDING, EnvironmentState.DESTROYING))) {
            try {
                converge(environment.id()).ifPresent(events::add);
            } catch (RuntimeException e) {
                // Left in its state: the next pass tries again. One environment never blocks the rest.
                LOG.warn("reconciling \"{}\" failed; it is retried on the next pass", environment.name(), e);
            }
        }
        return events;
    }

    /**
     * One environment, read afresh under its lock so two passes in this process never work on it
     * at once; empty when it had nothing to do.
     */
    public Optional<EnvironmentEvent> converge(long id) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        try {
            return store.findById(id).flatMap(this::converge);
        } finally {
            lock.unlock();
        }
    }

    private Optional<EnvironmentEvent> converge(Environment environment) {
        if (environment.desiredState() == DesiredState.DOWN && environment.state() == EnvironmentState.DESTROYING) {
            return Optional.of(destroy(environment));
        }
        if (environment.desiredState() == DesiredState.UP && environment.state() == EnvironmentState.PENDING) {
            return Optional.of(deploy(environment));
        }
        return Optional.empty();
    }

    private EnvironmentEvent deploy(Environment environment) {
        ApplyResult result;
        try {
            PreviewConfig config = configs.find(environment.pullRequestRef().repository());
            RenderRequest request = new RenderRequest(environment, config,
                    credentials.credentials(environment, config.databases()), seeds.scripts(environment, config));
            result = cluster.apply(environment, renderer.render(request));
        } catch (RuntimeException e) {
            LOG.warn("deploying \"{}\" at image \"{}\" failed", environment.name(), environment.image(), e);
            result = new ApplyResult.Failed(e.getMessage());
        }
        if (result instanceof ApplyResult.Failed failed) {
            String reason = cut(failed.reason());
            Environment broken = environment.toBuilder().state(EnvironmentState.FAILED).lastError(reason).build();
            return changes.record(broken, Type.FAILED, Requester.RUNBOT, reason);
        }
        Environment ready = environment.toBuilder()
                .state(EnvironmentState.READY).dryRun(cluster.dryRun()).lastError(null).build();
        return changes.record(ready, Type.READY, Requester.RUNBOT, cluster.dryRun() ? "dry-run" : "image " + environment.image());
    }

    private EnvironmentEvent destroy(Environment environment) {
        cluster.destroy(environment);
        Environment gone = environment.toBuilder().state(EnvironmentState.DESTROYED).pinnedUntil(null).build();
        return changes.record(gone, Type.DESTROYED, Requester.RUNBOT, "namespace " + environment.namespace() + " deleted");
    }

    private static String cut(String reason) {
        String text = reason == null || reason.isBlank() ? "no reason given" : reason;
        return text.length() <= ERROR_LIMIT ? text : text.substring(0, ERROR_LIMIT) + "…";
    }
}
