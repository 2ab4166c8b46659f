package dev.runbot.bot.metrics;

import dev.runbot.provisioner.outbox.DeliveryOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Counts the outbox's failed deliveries by message kind: {@code runbot_outbox_retries_total} for
 * each one scheduled to be tried again, {@code runbot_outbox_failed_total} for each message given
 * up. A rising retry rate with a flat failure count is an outage runbot is riding out.
 */
@Singleton
class OutboxCounters {

    private final MeterRegistry meters;

    OutboxCounters(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener
    void onOutcome(DeliveryOutcome outcome) {
        switch (outcome.outcome()) {
            case RETRY -> counter("runbot.outbox.retries", "Deliveries that failed and are tried again later",
                    outcome.kind()).increment();
            case REJECTED -> counter("runbot.outbox.failed", "Messages given up for good", outcome.kind()).increment();
            case DELIVERED -> {
                // counted nowhere: runbot_outbox_pending falling says the same
            }
        }
    }

    private Counter counter(String name, String description, String kind) {
        return Counter.builder(name).description(description).tag("kind", kind).register(meters);
    }
}
