package dev.runbot.bot.github.webhook;

import dev.runbot.provisioner.inbound.DeliveryLog;
import dev.runbot.provisioner.outbox.Outbox;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Takes a webhook's work in one transaction: remember the delivery id and queue the work. A
 * crash after the answer loses nothing (the queue is in the database), and a redelivery of the
 * same id queues nothing.
 */
@Singleton
public class GitHubInbound {

    /** The outbox destination of queued webhook work; its deliverer runs the work. */
    public static final String DESTINATION = "github-events";
    static final String SOURCE = "github";

    private final DeliveryLog deliveries;
    private final Outbox outbox;
    private final JsonMapper json;

    GitHubInbound(DeliveryLog deliveries, Outbox outbox, JsonMapper json) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.json = json;
    }

    /** Queues the work; false when this delivery id was taken before, and then nothing is queued. */
    @Transactional
    public boolean accept(String deliveryId, WebhookVerdict.Work work) {
        if (!deliveries.firstSeen(SOURCE, deliveryId)) {
            return false;
        }
        try {
            outbox.enqueue(DESTINATION, work.kind(), null, json.writeValueAsString(work.work()));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + work.summary() + " as JSON", e);
        }
        return true;
    }
}
