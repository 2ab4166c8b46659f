package dev.runbot.provisioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.provisioner.MutableClock;
import dev.runbot.provisioner.outbox.DeliveryResult.Delivered;
import dev.runbot.provisioner.outbox.DeliveryResult.Retry;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker as the application gets it: settings from configuration, one deliverer bean per destination. */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "OutboxWiringTest")
@Property(name = "runbot.data-dir", value = "target/test-data/outbox-wiring")
@Property(name = "runbot.outbox.retry-base", value = "2s")
class OutboxWiringTest {

    @Inject Outbox outbox;
    @Inject OutboxWorker worker;
    @Inject OutboxSettings settings;
    @Inject OutboxStore store;
    @Inject MutableClock clock;
    @Inject TransactionOperations<Connection> transactions;
    @Inject RecordingGitHub github;
    @Inject DownSlack slack;

    @Test
    void settingsComeFromConfigurationWithDefaultsForTheRest() {
        assertThat(settings).isEqualTo(new OutboxSettings(Duration.ofSeconds(2), Duration.ofMinutes(10), 100,
                Duration.ofMinutes(2)));
    }

    @Test
    void theWorkerRoutesEachMessageToTheDelivererBeanOfItsDestination() {
        OutboxMessage toGithub = outbox.enqueue("github", "reaction", null, "{\"content\":\"rocket\"}");
        OutboxMessage toSlack = outbox.enqueue("slack", "channel-message", null, "{\"text\":\"ready\"}");

        assertThat(worker.deliverDue()).isEqualTo(1);

        assertThat(github.payloads).containsExactly("{\"content\":\"rocket\"}");
        assertThat(store.findById(toGithub.id()).orElseThrow().deliveredAt()).isNotNull();
        assertThat(store.findById(toSlack.id()).orElseThrow().nextAttemptAt())
                .isEqualTo(clock.instant().plusSeconds(2));
    }

    @Test
    void twoDeliverersForOneDestinationAreRefused() {
        List<OutboxDeliverer> both = List.of(github, new RecordingGitHub());

        assertThatThrownBy(() -> new OutboxWorker(store, transactions, both, settings, clock,
                ApplicationEventPublisher.noOp()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("two outbox deliverers claim destination \"github\": " + RecordingGitHub.class.getName()
                        + " and " + RecordingGitHub.class.getName() + "; each destination needs exactly one");
    }

    @Singleton
    @Requires(property = "spec.name", value = "OutboxWiringTest")
    static class RecordingGitHub implements OutboxDeliverer {
        final List<String> payloads = new ArrayList<>();

        @Override
        public String destination() {
            return "github";
        }

        @Override
        public DeliveryResult deliver(OutboxMessage message) {
            payloads.add(message.payload());
            return new Delivered();
        }
    }

    @Singleton
    @Requires(property = "spec.name", value = "OutboxWiringTest")
    static class DownSlack implements OutboxDeliverer {
        @Override
        public String destination() {
            return "slack";
        }

        @Override
        public DeliveryResult deliver(OutboxMessage message) {
            return new Retry("slack.com unreachable");
        }
    }
}
