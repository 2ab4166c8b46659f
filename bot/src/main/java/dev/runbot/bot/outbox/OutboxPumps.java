package dev.runbot.bot.outbox;

import dev.runbot.bot.inbound.InboundQueue;
import dev.runbot.provisioner.outbox.OutboxWorker;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The two outbox pumps: one for work runbot queued for itself (webhook commands, acted on at
 * once), one for messages to GitHub and Slack, so a slow or rate-limited remote never delays a
 * command. Both tick every {@code runbot.outbox.poll}.
 */
@Singleton
public class OutboxPumps {

    private final OutboxPump work;
    private final OutboxPump notifications;

    OutboxPumps(Provider<OutboxWorker> worker) {
        Set<String> inbound = InboundQueue.DESTINATIONS;
        this.work = new OutboxPump("inbound-work", worker, inbound::contains);
        this.notifications = new OutboxPump("notifications", worker, destination -> !inbound.contains(destination));
    }

    /** Work was queued: run it now. */
    public void nudgeWork() {
        work.nudge();
    }

    /** A message was queued for GitHub or Slack: send it now. */
    public void nudgeNotifications() {
        notifications.nudge();
    }

    @Scheduled(initialDelay = "${runbot.outbox.initial-delay:1s}", fixedDelay = "${runbot.outbox.poll:1s}")
    void tick() {
        work.nudge();
        notifications.nudge();
    }

    @PreDestroy
    void stop() {
        work.close();
        notifications.close();
    }
}
