package dev.runbot.bot.github.webhook;

import dev.runbot.provisioner.inbound.DeliveryLog;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets webhook delivery ids once no redelivery can come any more (GitHub offers redelivery
 * of the last few days), so the table that catches repeats does not grow for ever.
 */
@Singleton
public class DeliveryRetention {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetention.class);

    private final DeliveryLog deliveries;
    private final Duration keep;

    DeliveryRetention(DeliveryLog deliveries, @Value("${runbot.inbound.keep-deliveries:14d}") Duration keep) {
        this.deliveries = deliveries;
        this.keep = keep;
    }

    @Scheduled(initialDelay = "${runbot.inbound.retention-initial-delay:5m}", fixedDelay = "1h")
    void forgetOld() {
        int forgotten = deliveries.forgetOlderThan(keep);
        if (forgotten > 0) {
            LOG.info("forgot {} webhook deliveries older than {}", forgotten, keep);
        }
    }
}
