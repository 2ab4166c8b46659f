package dev.runbot.bot.inbound;

import dev.runbot.bot.outbox.JsonOutbox;
import dev.runbot.bot.outbox.OutboxPumps;
import dev.runbot.provisioner.inbound.DeliveryLog;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * Takes work that arrived from GitHub or Slack in one transaction: remember its delivery id and
 * queue it. A crash after the answer loses nothing (the queue is in the database), and a second
 * delivery of the same id — a redelivery, a retry — queues nothing.
 */
@Singleton
public class InboundQueue {

    /** Queued GitHub webhook work; its deliverer runs it. */
    public static final String GITHUB = "github-events";
    /** Queued Slack commands and button presses; its deliverer runs them. */
    public static final String SLACK = "slack-events";
    /** The outbox destinations that hold runbot's own work rather than messages to send. */
    public static final Set<String> DESTINATIONS = Set.of(GITHUB, SLACK);

    private final DeliveryLog deliveries;
    private final JsonOutbox outbox;
    private final OutboxPumps pumps;

    InboundQueue(DeliveryLog deliveries, JsonOutbox outbox, OutboxPumps pumps) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.pumps = pumps;
    }

    /**
     * Queues {@code work} (serialized as JSON) under {@code kind}; false when this delivery id
     * of {@code source} was taken before, and then nothing is queued.
     */
    @Transactional
    public boolean accept(String source, String deliveryId, String destination, String kind, Object work) {
        if (!deliveries.firstSeen(source, deliveryId)) {
            return false;
        }
        outbox.enqueue(destination, kind, null, work);
        return true;
    }

    /** Runs what was queued, now; call after the transaction of {@link #accept} committed. */
    public void run() {
        pumps.nudgeWork();
    }
}
