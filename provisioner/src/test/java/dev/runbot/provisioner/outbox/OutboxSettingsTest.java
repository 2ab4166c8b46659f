package dev.runbot.provisioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

    private final OutboxSettings defaults = new OutboxSettings(Duration.ofSeconds(5), Duration.ofMinutes(10), 100,
            Duration.ofMinutes(2));

    @Test
    void theWaitDoublesFromTheBaseUntilTheCap() {
        assertThat(IntStream.rangeClosed(1, 10).mapToObj(defaults::backoff).map(Duration::toSeconds))
                .containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 320L, 600L, 600L, 600L);
    }

    @Test
    void manyFailuresStayAtTheCap() {
        assertThat(defaults.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
        OutboxSettings longCap = new OutboxSettings(Duration.ofMillis(1), Duration.ofDays(365), 1,
                Duration.ofMinutes(2));
        assertThat(longCap.backoff(1000)).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void aCapBelowTheBaseIsRefused() {
        assertThatThrownBy(() -> new OutboxSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), 100,
                Duration.ofMinutes(2)))
                .hasMessage("runbot.outbox.retry-cap (PT30S) must be at least runbot.outbox.retry-base (PT1M)");
        assertThatThrownBy(() -> new OutboxSettings(Duration.ZERO, Duration.ofSeconds(30), 100, Duration.ofMinutes(2)))
                .hasMessage("runbot.outbox.retry-base must be positive, not PT0S");
        assertThatThrownBy(() -> new OutboxSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 0,
                Duration.ofMinutes(2)))
                .hasMessage("runbot.outbox.batch-size must be at least 1, not 0");
    }

    @Test
    void aClaimTimeoutThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new OutboxSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 100, Duration.ZERO))
                .hasMessage("runbot.outbox.claim-timeout must be positive, not PT0S");
        assertThatThrownBy(() -> new OutboxSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 100,
                Duration.ofMinutes(-2)))
                .hasMessage("runbot.outbox.claim-timeout must be positive, not PT-2M");
    }
}
