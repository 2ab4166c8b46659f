package dev.runbot.bot.inbound;

import dev.runbot.bot.outbox.OutboxPumps;
import dev.runbot.provisioner.inbound.DeliveryLog;
import dev.runbot.provisioner.outbox.Outbox;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final Outbox outbox;
    private final JsonMapper json;
    private final OutboxPumps pumps;

    InboundQueue(DeliveryLog deliveries, Outbox outbox, JsonMapper json, OutboxPumps pumps) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.json = json;
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
        try {
            outbox.enqueue(destination, kind, null, json.writeValueAsString(work));
        } catch (IOException e) {
            throw new UncheckedIOException("writing queued " + source + " " + kind + " work as JSON", e);
        }
        return true;
    }

    /** Runs what was queued, now; call after the transaction of {@link #accept} committed. */
    public void run() {
        pumps.nudgeWork();
    }
}
