package dev.runbot.bot.reconcile;

import dev.runbot.provisioner.LogContext;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.reconcile.EnvironmentReconciler;
import dev.runbot.provisioner.reconcile.Leadership;
import dev.runbot.provisioner.reconcile.OrphanCollected;
import dev.runbot.provisioner.reconcile.ReconcilePass;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * The level-triggered half of reconciling: every {@code runbot.reconcile.interval} it applies the
 * environments' deadlines (pins ending, expiry and its warning) and finishes whatever a missed
 * trigger or a crash left undone, and every {@code runbot.kubernetes.readiness-poll}
 * it follows environments being provisioned or destroyed, so work is delayed at worst, never lost.
 * Only the leading replica runs it; every replica still acts on its own commands at once.
 */
@Singleton
public class ReconcileLoop {

    private final ReconcilePass reconcilePass;
    private final EnvironmentReconciler reconciler;
    private final Leadership leadership;
    private final ApplicationEventPublisher<EnvironmentEvent> events;
    private final ApplicationEventPublisher<OrphanCollected> orphans;
    private final Timer passes;

    ReconcileLoop(ReconcilePass reconcilePass, EnvironmentReconciler reconciler, Leadership leadership,
                  ApplicationEventPublisher<EnvironmentEvent> events, ApplicationEventPublisher<OrphanCollected> orphans,
                  MeterRegistry meters) {
        this.reconcilePass = reconcilePass;
        this.reconciler = reconciler;
        this.leadership = leadership;
        this.events = events;
        this.orphans = orphans;
        this.passes = Timer.builder("runbot.reconcile.pass").description("The leader's full reconcile passes")
                .publishPercentileHistogram().register(meters);
    }

    /** One full pass, when this replica leads; announces what it changed and the orphans it collected. */
    @Scheduled(initialDelay = "${runbot.reconcile.initial-delay:1s}", fixedDelay = "${runbot.reconcile.interval:30s}")
    public void pass() {
        if (!leadership.leading()) {
            return;
        }
        passes.record(() -> reconcilePass.run(this::announce, orphans::publishEvent));
    }

    @Scheduled(initialDelay = "${runbot.reconcile.initial-delay:1s}",
            fixedDelay = "${runbot.kubernetes.readiness-poll:2s}")
    void inFlight() {
        if (!leadership.leading()) {
            return;
        }
        reconciler.convergeInFlight().forEach(this::announce);
    }

    /** Publishes under the environment's log fields, so the notifiers' lines say which environment they are about. */
    private void announce(EnvironmentEvent event) {
        try (LogContext context = LogContext.environment(event.environment())) {
            events.publishEvent(event);
        }
    }
}
