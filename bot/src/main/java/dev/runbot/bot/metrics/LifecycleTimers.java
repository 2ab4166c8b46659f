package dev.runbot.bot.metrics;

import dev.runbot.provisioner.reconcile.StepDuration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * How long environments take to come up and to go, as histograms an operator can take percentiles
 * of: {@code runbot_provision_seconds{outcome="ready"|"failed"}} from the apply that starts a
 * deploy, and {@code runbot_destroy_seconds} from the destroy request to the namespace gone. The
 * reconciler measures; this only records what it announces.
 */
@Singleton
class LifecycleTimers {

    private final Timer ready;
    private final Timer failed;
    private final Timer destroyed;

    LifecycleTimers(MeterRegistry meters) {
        this.ready = provision(meters, "ready");
        this.failed = provision(meters, "failed");
        this.destroyed = Timer.builder("runbot.destroy")
                .description("From the destroy request until the environment's namespace is gone")
                .publishPercentileHistogram()
                .register(meters);
    }

    private static Timer provision(MeterRegistry meters, String outcome) {
        return Timer.builder("runbot.provision")
                .description("From the apply that starts a deploy until the environment is ready or has failed")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }

    @EventListener
    void onStep(StepDuration step) {
        Timer timer = switch (step.outcome()) {
            case READY -> ready;
            case FAILED -> failed;
            case DESTROYED -> destroyed;
        };
        timer.record(step.took());
    }
}
