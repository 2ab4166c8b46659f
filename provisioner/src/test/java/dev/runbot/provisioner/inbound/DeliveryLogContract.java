package dev.runbot.provisioner.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.provisioner.MutableClock;
import dev.runbot.provisioner.TestClockFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A delivery is taken once, on H2 and on PostgreSQL, even when copies race in at the same time. */
abstract class DeliveryLogContract {

    @Inject DeliveryLog log;
    @Inject MutableClock clock;

    @BeforeEach
    void startOfTime() {
        clock.set(TestClockFactory.START);
    }

    @Test
    void aDeliveryIsNewOnceAndARedeliveryIsNot() {
        String id = UUID.randomUUID().toString();

        assertThat(log.firstSeen("github", id)).isTrue();
        assertThat(log.firstSeen("github", id)).isFalse();
        assertThat(log.firstSeen("slack", id)).as("sources do not share ids").isTrue();
    }

    @Test
    void copiesArrivingTogetherAreTakenExactlyOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> copies = IntStream.range(0, 16)
                    .<Callable<Boolean>>mapToObj(i -> () -> log.firstSeen("github", id)).toList();
            long taken = 0;
            for (Future<Boolean> copy : pool.invokeAll(copies)) {
                taken += copy.get() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oldDeliveriesAreForgotten() {
        String old = UUID.randomUUID().toString();
        log.firstSeen("github", old);
        clock.advance(Duration.ofDays(8));
        String recent = UUID.randomUUID().toString();
        log.firstSeen("github", recent);

        assertThat(log.forgetOlderThan(Duration.ofDays(7))).isGreaterThanOrEqualTo(1);

        assertThat(log.firstSeen("github", old)).isTrue();
        assertThat(log.firstSeen("github", recent)).isFalse();
    }
}
