package dev.runbot.bot.github.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.provisioner.inbound.DeliveryLog;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery ids are kept for two weeks by default, and forgotten after the configured time. */
class DeliveryRetentionTest {

    @TempDir Path dataDir;

    @Test
    void theDefaultKeepsDeliveriesAndAnExpiredOneCountsAsNewAgain() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("runbot.data-dir", dataDir.toString()))) {
            DeliveryLog deliveries = context.getBean(DeliveryLog.class);
            assertThat(deliveries.firstSeen("github", "d-1")).isTrue();

            context.getBean(DeliveryRetention.class).forgetOld();

            assertThat(deliveries.firstSeen("github", "d-1")).as("kept for 14d").isFalse();
        }
        try (ApplicationContext context = ApplicationContext.run(Map.of("runbot.data-dir", dataDir.toString(),
                "runbot.inbound.keep-deliveries", "0s"))) {
            context.getBean(DeliveryRetention.class).forgetOld();

            assertThat(context.getBean(DeliveryLog.class).firstSeen("github", "d-1")).isTrue();
        }
    }
}
