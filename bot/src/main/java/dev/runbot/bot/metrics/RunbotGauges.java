package dev.runbot.bot.metrics;

import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.outbox.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/**
 * What an operator watches at a glance, read from the database when Prometheus scrapes:
 * environments by state ({@code runbot_environments}) and the notifications and work still
 * waiting in the outbox ({@code runbot_outbox_pending}).
 */
@Singleton
class RunbotGauges implements MeterBinder {

    private final EnvironmentService environments;
    private final Outbox outbox;

    RunbotGauges(EnvironmentService environments, Outbox outbox) {
        this.environments = environments;
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (EnvironmentState state : EnvironmentState.values()) {
            Gauge.builder("runbot.environments", environments, service -> service.count(state))
                    .description("Environments in each state (destroyed ones are kept as history)")
                    .tag("state", state.label())
                    .register(registry);
        }
        Gauge.builder("runbot.outbox.pending", outbox, Outbox::pending)
                .description("Messages and queued work not yet delivered")
                .register(registry);
    }
}
