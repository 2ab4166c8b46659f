package dev.runbot.provisioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.provisioner.MutableClock;
import dev.runbot.provisioner.TestClockFactory;
import dev.runbot.provisioner.outbox.DeliveryResult.Delivered;
import dev.runbot.provisioner.outbox.DeliveryResult.Rejected;
import dev.runbot.provisioner.outbox.DeliveryResult.Retry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox against a real database, with a clock that only moves when told to. Subclasses run
 * it on H2 and on PostgreSQL, so the migration, the generated queries and the optimistic lock
 * are proven on both.
 */
abstract class OutboxContract {

    static final Instant START = TestClockFactory.START;
    static final String STICKY = "github:acme/shop#42:sticky";

    @Inject Outbox outbox;
    @Inject OutboxStore store;
    @Inject OutboxSettings settings;
    @Inject MutableClock clock;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> transactions;

    ScriptedDeliverer github;
    ScriptedDeliverer slack;
    /** What the workers announced, in order. */
    final List<DeliveryOutcome> announced = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emptyOutbox() {
        clock.set(START);
        jdbc.execute(connection -> {
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM outbox_message");
            }
            return null;
        });
        github = new ScriptedDeliverer("github");
        slack = new ScriptedDeliverer("slack");
        announced.clear();
    }

    @Test
    void eachRecordedOutcomeIsAnnouncedWithItsDestinationAndKind() {
        outbox.enqueue("github", "sticky-comment", STICKY, "{}");
        outbox.enqueue("slack", "channel-message", null, "{}");
        github.then(new Retry("502 Bad Gateway")).then(new Delivered());
        slack.then(new Rejected("channel_not_found"));
        OutboxWorker worker = worker(github, slack);

        worker.deliverDue();
        clock.advance(Duration.ofMinutes(5));
        worker.deliverDue();

        assertThat(announced).containsExactlyInAnyOrder(
                new DeliveryOutcome("github", "sticky-comment", DeliveryOutcome.Outcome.RETRY),
                new DeliveryOutcome("slack", "channel-message", DeliveryOutcome.Outcome.REJECTED),
                new DeliveryOutcome("github", "sticky-comment", DeliveryOutcome.Outcome.DELIVERED));
        assertThat(announced.get(announced.size() - 1).outcome()).isEqualTo(DeliveryOutcome.Outcome.DELIVERED);
    }

    @Test
    void aMessageIsDueAtOnceDeliveredOnceAndNeverAgain() {
        OutboxMessage enqueued = outbox.enqueue("github", "reaction", null, "{\"content\":\"rocket\"}");
        assertThat(enqueued.nextAttemptAt()).isEqualTo(START);
        assertThat(enqueued.createdAt()).isEqualTo(START);
        assertThat(enqueued.attempts()).isZero();
        assertThat(enqueued.deliveredAt()).isNull();
        assertThat(enqueued.claimedBy()).isNull();
        assertThat(outbox.pending()).isEqualTo(1);
        List<OutboxMessage> duringDelivery = new ArrayList<>();
        github.then(m -> {
            duringDelivery.add(stored(m));
            return new Delivered();
        });
        OutboxWorker worker = worker(github);

        assertThat(worker.deliverDue()).isEqualTo(1);

        assertThat(github.payloads()).containsExactly("{\"content\":\"rocket\"}");
        assertThat(duringDelivery).singleElement().satisfies(claimed -> {
            assertThat(claimed.claimedBy()).isNotBlank().isEqualTo(github.offered().get(0).claimedBy());
            assertThat(claimed.claimedUntil()).isEqualTo(START.plus(settings.claimTimeout()));
        });
        OutboxMessage delivered = stored(enqueued);
        assertThat(delivered.deliveredAt()).isEqualTo(START);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.lastError()).isNull();
        assertThat(delivered.claimedBy()).isNull();
        assertThat(delivered.claimedUntil()).isNull();
        assertThat(outbox.pending()).isZero();

        clock.advance(Duration.ofDays(1));
        assertThat(worker.deliverDue()).isZero();
        assertThat(github.offered()).hasSize(1);
    }

    @Test
    void messagesWithoutAKeyAreNeverMerged() {
        outbox.enqueue("slack", "channel-message", null, "{\"text\":\"shop-pr-42 is ready\"}");
        outbox.enqueue("slack", "channel-message", null, "{\"text\":\"shop-pr-42 is ready\"}");

        assertThat(worker(slack).deliverDue()).isEqualTo(2);
        assertThat(slack.offered()).extracting(OutboxMessage::id).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void aPassOverSomeDestinationsLeavesTheOthersWaiting() {
        outbox.enqueue("github", "reaction", null, "{\"content\":\"eyes\"}");
        outbox.enqueue("slack", "channel-message", null, "{\"text\":\"shop-pr-42 is ready\"}");
        OutboxWorker worker = worker(github, slack);

        assertThat(worker.deliverDue(Set.of("slack", "no-such-destination"))).isEqualTo(1);
        assertThat(slack.payloads()).containsExactly("{\"text\":\"shop-pr-42 is ready\"}");
        assertThat(github.offered()).isEmpty();
        assertThat(outbox.pending()).isEqualTo(1);

        assertThat(worker.deliverDue(Set.of("github"))).isEqualTo(1);
        assertThat(github.payloads()).containsExactly("{\"content\":\"eyes\"}");
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void enqueuesWithOneKeyBeforeDeliveryBecomeOneDeliveryOfTheLastPayload() {
        OutboxMessage first = outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"deploying abc1234\"}");
        OutboxMessage second = outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"ready at abc1234\"}");
        OutboxMessage third = outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"deploying def5678\"}");

        assertThat(List.of(second.id(), third.id())).containsOnly(first.id());
        assertThat(third.payload()).isEqualTo("{\"body\":\"deploying def5678\"}");
        assertThat(outbox.pending()).isEqualTo(1);
        OutboxWorker worker = worker(github);
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(github.payloads()).containsExactly("{\"body\":\"deploying def5678\"}");

        OutboxMessage afterDelivery = outbox.enqueue("github", "sticky-comment", STICKY,
                "{\"body\":\"ready at def5678\"}");
        assertThat(afterDelivery.id()).isNotEqualTo(first.id());
        assertThat(outbox.pending()).isEqualTo(1);
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(github.payloads())
                .containsExactly("{\"body\":\"deploying def5678\"}", "{\"body\":\"ready at def5678\"}");
        assertThat(stored(first).payload()).isEqualTo("{\"body\":\"deploying def5678\"}");
    }

    @Test
    void enqueueingTheSamePayloadAgainChangesNothing() {
        OutboxMessage first = outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"ready\"}");

        OutboxMessage again = outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"ready\"}");

        assertThat(again).isEqualTo(first);
        assertThat(stored(first).version()).isEqualTo(first.version());
    }

    @Test
    void aKeyBelongsToOneDestinationAndKind() {
        outbox.enqueue("github", "sticky-comment", STICKY, "{}");

        assertThatThrownBy(() -> outbox.enqueue("slack", "channel-message", STICKY, "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coalesce key \"github:acme/shop#42:sticky\" belongs to github sticky-comment messages,"
                        + " not to slack channel-message ones");
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void whileTheRemoteIsDownTheWaitDoublesUpToTheCapAndTheMessageArrivesOnceItRecovers() {
        OutboxMessage message = outbox.enqueue("github", "deployment-status", null, "{\"state\":\"success\"}");
        github.then(new Retry("503 Service Unavailable"), new Retry("503 Service Unavailable"),
                        new Retry("502 Bad Gateway"))
                .then(m -> {
                    throw new UncheckedIOException("connecting to api.github.com timed out", new IOException());
                })
                .then(new Retry("503 Service Unavailable"), new Retry("503 Service Unavailable"),
                        new Retry("503 Service Unavailable"), new Retry("503 Service Unavailable"),
                        new Retry("503 Service Unavailable"));
        OutboxWorker worker = worker(github);
        long[] waits = {5, 10, 20, 40, 80, 160, 320, 600, 600};
        String[] errors = {"503 Service Unavailable", "503 Service Unavailable", "502 Bad Gateway",
                "connecting to api.github.com timed out", "503 Service Unavailable", "503 Service Unavailable",
                "503 Service Unavailable", "503 Service Unavailable", "503 Service Unavailable"};

        for (int failure = 1; failure <= waits.length; failure++) {
            Instant attemptedAt = clock.instant();
            assertThat(worker.deliverDue()).isZero();
            OutboxMessage waiting = stored(message);
            assertThat(waiting.attempts()).isEqualTo(failure);
            assertThat(waiting.nextAttemptAt()).isEqualTo(attemptedAt.plusSeconds(waits[failure - 1]));
            assertThat(waiting.lastError()).isEqualTo(errors[failure - 1]);
            assertThat(waiting.deliveredAt()).isNull();
            // The failed attempt ended the claim: the message is due at its next attempt, not when the claim ends.
            assertThat(waiting.claimedBy()).isNull();
            assertThat(waiting.claimedUntil()).isNull();

            clock.advance(Duration.ofSeconds(waits[failure - 1] - 1));
            assertThat(worker.deliverDue()).isZero();
            assertThat(github.offered()).hasSize(failure);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(worker.deliverDue()).isEqualTo(1);
        OutboxMessage delivered = stored(message);
        assertThat(delivered.deliveredAt()).isEqualTo(START.plusSeconds(1835));
        assertThat(delivered.attempts()).isEqualTo(10);
        assertThat(delivered.lastError()).isNull();
        clock.advance(Duration.ofHours(1));
        assertThat(worker.deliverDue()).isZero();
        assertThat(github.payloads()).hasSize(10).containsOnly("{\"state\":\"success\"}");
    }

    @Test
    void anOutageDelaysEveryMessageAndLosesNone() {
        github.otherwise(m -> new Retry("503 Service Unavailable"));
        OutboxWorker worker = worker(github);
        outbox.enqueue("github", "reaction", null, "{\"content\":\"eyes\"}");
        outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"deploying\"}");
        assertThat(worker.deliverDue()).isZero();
        clock.advance(Duration.ofSeconds(3));
        outbox.enqueue("github", "deployment-status", "github:acme/shop#42:deployment", "{\"state\":\"in_progress\"}");
        outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"ready\"}");
        outbox.enqueue("github", "reaction", null, "{\"content\":\"rocket\"}");
        for (int pass = 0; pass < 5; pass++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(worker.deliverDue()).isZero();
        }
        assertThat(outbox.pending()).isEqualTo(4);

        github.otherwise(m -> new Delivered());
        clock.advance(Duration.ofMinutes(10));
        assertThat(worker.deliverDue()).isEqualTo(4);

        List<String> afterRecovery = github.payloads().subList(github.offered().size() - 4, github.offered().size());
        assertThat(afterRecovery).containsExactly("{\"content\":\"eyes\"}", "{\"body\":\"ready\"}",
                "{\"state\":\"in_progress\"}", "{\"content\":\"rocket\"}");
        assertThat(outbox.pending()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(worker.deliverDue()).isZero();
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonouredAndAShorterOneIsNot() {
        OutboxMessage message = outbox.enqueue("slack", "channel-message", null, "{\"text\":\"ready\"}");
        slack.then(new Retry("429 rate limited", Optional.of(Duration.ofSeconds(90))),
                new Retry("429 rate limited", Optional.of(Duration.ofSeconds(1))));
        OutboxWorker worker = worker(slack);

        worker.deliverDue();
        assertThat(stored(message).nextAttemptAt()).isEqualTo(START.plusSeconds(90));
        clock.advance(Duration.ofSeconds(89));
        assertThat(worker.deliverDue()).isZero();
        assertThat(slack.offered()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        worker.deliverDue();
        assertThat(stored(message).nextAttemptAt()).isEqualTo(START.plusSeconds(90 + 10));
        assertThat(stored(message).attempts()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(10));
        assertThat(worker.deliverDue()).isEqualTo(1);
    }

    @Test
    void aRetryAfterHoldsBackEveryMessageOfItsDestinationNotOnlyTheOneThatWasTold() {
        outbox.enqueue("slack", "channel-message", null, "{\"text\":\"ready\"}");
        OutboxMessage heldBack = outbox.enqueue("slack", "thread-reply", null, "{\"text\":\"created\"}");
        outbox.enqueue("github", "reaction", null, "{\"content\":\"eyes\"}");
        slack.then(new Retry("429 rate limited", Optional.of(Duration.ofSeconds(30))));
        OutboxWorker worker = worker(github, slack);

        assertThat(worker.deliverDue()).as("github's reaction only").isEqualTo(1);
        assertThat(slack.payloads()).containsExactly("{\"text\":\"ready\"}");
        assertThat(stored(heldBack).claimedBy()).as("claimed with the batch, released when held back").isNull();
        clock.advance(Duration.ofSeconds(29));
        assertThat(worker.deliverDue()).isZero();
        assertThat(slack.offered()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(worker.deliverDue()).isEqualTo(2);
        assertThat(slack.payloads()).containsExactly("{\"text\":\"ready\"}", "{\"text\":\"ready\"}",
                "{\"text\":\"created\"}");
    }

    @Test
    void aRejectedMessageIsNotTriedAgainAndKeepsItsError() {
        OutboxMessage message = outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"ready\"}");
        github.then(new Rejected("404 Not Found: acme/shop#42 no longer exists"));
        OutboxWorker worker = worker(github);

        try (WorkerLog log = new WorkerLog()) {
            assertThat(worker.deliverDue()).isZero();
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains(
                    "\"github\" rejected outbox message " + message.id(),
                    "404 Not Found: acme/shop#42 no longer exists"));
        }

        OutboxMessage rejected = stored(message);
        assertThat(rejected.deliveredAt()).isEqualTo(START);
        assertThat(rejected.lastError()).isEqualTo("404 Not Found: acme/shop#42 no longer exists");
        assertThat(rejected.attempts()).isEqualTo(1);
        assertThat(outbox.pending()).isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(worker.deliverDue()).isZero();
        assertThat(github.offered()).hasSize(1);
        assertThat(store.count()).isEqualTo(1);

        OutboxMessage next = outbox.enqueue("github", "sticky-comment", STICKY, "{\"body\":\"destroyed\"}");
        assertThat(next.id()).isNotEqualTo(message.id());
    }

    @Test
    void oneDestinationFailingDoesNotStopTheOthers() {
        OutboxMessage first = outbox.enqueue("github", "reaction", null, "{\"content\":\"eyes\"}");
        outbox.enqueue("slack", "channel-message", null, "{\"text\":\"deploying\"}");
        OutboxMessage third = outbox.enqueue("github", "reaction", null, "{\"content\":\"rocket\"}");
        github.otherwise(m -> {
            throw new IllegalStateException("GitHub App token could not be minted");
        });

        assertThat(worker(github, slack).deliverDue()).isEqualTo(1);

        assertThat(slack.offered()).hasSize(1);
        assertThat(github.offered()).hasSize(2);
        for (OutboxMessage failed : List.of(stored(first), stored(third))) {
            assertThat(failed.lastError()).isEqualTo("GitHub App token could not be minted");
            assertThat(failed.nextAttemptAt()).isEqualTo(START.plusSeconds(5));
        }
    }

    @Test
    void aDelivererAnsweringNothingIsRetried() {
        OutboxMessage message = outbox.enqueue("github", "reaction", null, "{}");
        github.then(m -> null);

        assertThat(worker(github).deliverDue()).isZero();

        assertThat(stored(message).lastError()).startsWith("the github deliverer ").endsWith(" answered nothing");
        assertThat(stored(message).nextAttemptAt()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void aMessageWithoutADelivererStaysPendingAndIsReportedOncePerPass() {
        OutboxMessage teams = outbox.enqueue("teams", "channel-message", null, "{}");
        outbox.enqueue("teams", "channel-message", null, "{}");
        outbox.enqueue("email", "digest", null, "{}");
        outbox.enqueue("github", "reaction", null, "{}");
        OutboxWorker worker = worker(github, slack);

        try (WorkerLog log = new WorkerLog()) {
            assertThat(worker.deliverDue()).isEqualTo(1);
            assertThat(log.warnings()).containsExactly("3 due outbox message(s) stay pending: no deliverer for"
                    + " destination \"email\", \"teams\" (deliverers: \"github\", \"slack\")");
            log.clear();

            clock.advance(Duration.ofMinutes(1));
            assertThat(worker.deliverDue()).isZero();
            assertThat(log.warnings()).hasSize(1);
        }
        OutboxMessage waiting = stored(teams);
        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.nextAttemptAt()).isEqualTo(START);
        assertThat(waiting.deliveredAt()).isNull();
        assertThat(outbox.pending()).isEqualTo(3);

        ScriptedDeliverer lateTeams = new ScriptedDeliverer("teams");
        assertThat(worker(github, lateTeams).deliverDue()).isEqualTo(2);
    }

    @Test
    void aWorkerWithoutDeliverersDeliversNothingAndSaysSo() {
        outbox.enqueue("github", "reaction", null, "{}");

        try (WorkerLog log = new WorkerLog()) {
            assertThat(worker().deliverDue()).isZero();
            assertThat(log.warnings()).containsExactly("1 due outbox message(s) stay pending: no deliverer for"
                    + " destination \"github\" (deliverers: none)");
        }
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void messagesWithoutADelivererDoNotHoldUpAFullBatch() {
        IntStream.range(0, settings.batchSize() + 1)
                .forEach(i -> outbox.enqueue("teams", "channel-message", null, "{\"n\":" + i + "}"));
        outbox.enqueue("github", "reaction", null, "{}");

        assertThat(worker(github).deliverDue()).isEqualTo(1);
    }

    @Test
    void dueMessagesGoOldestFirstAcrossDestinations() {
        List<String> journal = new ArrayList<>();
        ScriptedDeliverer orderedGithub = new ScriptedDeliverer("github", journal);
        ScriptedDeliverer orderedSlack = new ScriptedDeliverer("slack", journal);
        outbox.enqueue("slack", "channel-message", "slack:C024BE91L:shop-pr-42", "a");
        clock.advance(Duration.ofSeconds(1));
        outbox.enqueue("github", "reaction", null, "b");
        outbox.enqueue("slack", "channel-message", null, "c");
        outbox.enqueue("github", "sticky-comment", STICKY, "d");

        assertThat(worker(orderedGithub, orderedSlack).deliverDue()).isEqualTo(4);

        assertThat(journal).containsExactly("slack:a", "github:b", "slack:c", "github:d");
    }

    @Test
    void aNewerMessageOfAKeyNeverOvertakesAnOlderOneInBackoff() {
        OutboxMessage first = outbox.enqueue("github", "sticky-comment", STICKY, "v1");
        github.then(new Retry("502 Bad Gateway"));
        OutboxWorker worker = worker(github);
        assertThat(worker.deliverDue()).isZero();
        // Two enqueues racing (each saw no undelivered message) leave two rows for one key.
        OutboxMessage second = store.save(OutboxMessage.dueAt(clock.instant(), "github", "sticky-comment", STICKY,
                "v2"));

        clock.advance(Duration.ofSeconds(1));
        assertThat(worker.deliverDue()).isZero();
        assertThat(github.payloads()).containsExactly("v1");
        assertThat(stored(second).attempts()).isZero();

        clock.advance(Duration.ofSeconds(4));
        assertThat(worker.deliverDue()).isEqualTo(2);
        assertThat(github.payloads()).containsExactly("v1", "v1", "v2");
        assertThat(stored(first).deliveredAt()).isNotNull();
    }

    @Test
    void whenTheOlderMessageOfAKeyFailsTheNewerOneWaitsInTheSamePass() {
        OutboxMessage first = store.save(OutboxMessage.dueAt(clock.instant(), "github", "sticky-comment", STICKY,
                "v1"));
        OutboxMessage second = store.save(OutboxMessage.dueAt(clock.instant(), "github", "sticky-comment", STICKY,
                "v2"));
        github.then(new Retry("502 Bad Gateway"));

        assertThat(worker(github).deliverDue()).isZero();

        assertThat(github.payloads()).containsExactly("v1");
        assertThat(stored(first).attempts()).isEqualTo(1);
        assertThat(stored(second).attempts()).isZero();
    }

    @Test
    void aPayloadReplacedDuringDeliveryIsDeliveredNextPass() {
        OutboxMessage message = outbox.enqueue("github", "sticky-comment", STICKY, "v1");
        github.then(m -> {
            outbox.enqueue("github", "sticky-comment", STICKY, "v2");
            return new Delivered();
        });
        OutboxWorker worker = worker(github);

        assertThat(worker.deliverDue()).isZero();
        OutboxMessage replaced = stored(message);
        assertThat(replaced.payload()).isEqualTo("v2");
        assertThat(replaced.deliveredAt()).isNull();
        assertThat(replaced.nextAttemptAt()).isEqualTo(START);

        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(github.payloads()).containsExactly("v1", "v2");
        assertThat(stored(message).deliveredAt()).isEqualTo(START);
        assertThat(worker.deliverDue()).isZero();
    }

    @Test
    void aPayloadReplacedDuringAFailedAttemptWaitsOutTheBackoff() {
        OutboxMessage message = outbox.enqueue("github", "sticky-comment", STICKY, "v1");
        github.then(m -> {
            outbox.enqueue("github", "sticky-comment", STICKY, "v2");
            return new Retry("503 Service Unavailable");
        });
        OutboxWorker worker = worker(github);

        assertThat(worker.deliverDue()).isZero();

        OutboxMessage waiting = stored(message);
        assertThat(waiting.payload()).isEqualTo("v2");
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isEqualTo(START.plusSeconds(5));
        assertThat(waiting.lastError()).isEqualTo("503 Service Unavailable");
    }

    @Test
    void aPayloadReplacedDuringBackoffKeepsTheScheduleAndIsWhatArrives() {
        OutboxMessage message = outbox.enqueue("github", "sticky-comment", STICKY, "v1");
        github.then(new Retry("503 Service Unavailable"));
        OutboxWorker worker = worker(github);
        worker.deliverDue();

        clock.advance(Duration.ofSeconds(2));
        OutboxMessage replaced = outbox.enqueue("github", "sticky-comment", STICKY, "v2");

        assertThat(replaced.id()).isEqualTo(message.id());
        assertThat(replaced.attempts()).isEqualTo(1);
        assertThat(replaced.nextAttemptAt()).isEqualTo(START.plusSeconds(5));
        assertThat(replaced.lastError()).isEqualTo("503 Service Unavailable");
        assertThat(worker.deliverDue()).isZero();
        clock.advance(Duration.ofSeconds(3));
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(github.payloads()).containsExactly("v1", "v2");
    }

    @Test
    void aReplaceThatLosesToTheWorkerDeliveringTheMessageAddsANewOne() {
        OutboxMessage first = outbox.enqueue("github", "sticky-comment", STICKY, "v1");
        Outbox racing = new Outbox(RacingStore.around(store,
                () -> store.update(stored(first).deliveredAt(clock.instant()))), clock);

        OutboxMessage second = racing.enqueue("github", "sticky-comment", STICKY, "v2");

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.payload()).isEqualTo("v2");
        assertThat(stored(first).payload()).isEqualTo("v1");
        assertThat(stored(first).deliveredAt()).isEqualTo(START);
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void aReplaceThatLosesToAFailedAttemptStillReplacesThePayload() {
        OutboxMessage first = outbox.enqueue("github", "sticky-comment", STICKY, "v1");
        Outbox racing = new Outbox(RacingStore.around(store, () -> store.update(
                stored(first).retriedUntil(START.plusSeconds(5), "503 Service Unavailable"))), clock);

        OutboxMessage replaced = racing.enqueue("github", "sticky-comment", STICKY, "v2");

        assertThat(replaced.id()).isEqualTo(first.id());
        assertThat(stored(first).payload()).isEqualTo("v2");
        assertThat(stored(first).attempts()).isEqualTo(1);
        assertThat(stored(first).nextAttemptAt()).isEqualTo(START.plusSeconds(5));
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void aMessageFinishedElsewhereDuringDeliveryIsLeftAsItIs() {
        OutboxMessage message = outbox.enqueue("github", "reaction", null, "{}");
        github.then(m -> {
            store.update(stored(m).deliveredAt(START.minusSeconds(1)));
            return new Delivered();
        });
        OutboxWorker worker = worker(github);

        worker.deliverDue();

        assertThat(stored(message).deliveredAt()).isEqualTo(START.minusSeconds(1));
        assertThat(stored(message).attempts()).isEqualTo(1);
        assertThat(worker.deliverDue()).isZero();
        assertThat(github.offered()).hasSize(1);
    }

    @Test
    void aSixtyKibPayloadRoundTrips() {
        String payload = payloadOf(60 * 1024, 'a');
        OutboxMessage message = outbox.enqueue("github", "sticky-comment", STICKY, payload);
        assertThat(stored(message).payload()).isEqualTo(payload);

        String replacement = payloadOf(60 * 1024, 'b');
        outbox.enqueue("github", "sticky-comment", STICKY, replacement);
        assertThat(stored(message).payload()).isEqualTo(replacement);

        assertThat(worker(github).deliverDue()).isEqualTo(1);
        assertThat(github.payloads()).containsExactly(replacement);
    }

    @Test
    void aPayloadTooLargeForTheColumnIsRefusedAtEnqueue() {
        String payload = "x".repeat(Outbox.PAYLOAD_LIMIT + 1);

        assertThatThrownBy(() -> outbox.enqueue("github", "sticky-comment", STICKY, payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the payload of a github sticky-comment message has 262145 characters; the outbox holds"
                        + " at most 262144");
        assertThat(outbox.pending()).isZero();
        assertThat(outbox.enqueue("github", "sticky-comment", STICKY, payload.substring(1)).payload())
                .hasSize(Outbox.PAYLOAD_LIMIT);
    }

    @Test
    void aLongErrorIsCutTo2000Characters() {
        OutboxMessage retried = outbox.enqueue("github", "reaction", null, "{}");
        OutboxMessage rejected = outbox.enqueue("slack", "channel-message", null, "{}");
        github.then(new Retry("<html>" + "é".repeat(5000)));
        slack.then(new Rejected("<html>" + "ü".repeat(5000)));

        worker(github, slack).deliverDue();

        for (OutboxMessage message : List.of(stored(retried), stored(rejected))) {
            assertThat(message.lastError()).hasSize(2000).startsWith("<html>").endsWith("…");
        }
    }

    @Test
    void theBacklogCountsUndeliveredMessagesAndDatesTheOldest() {
        assertThat(outbox.backlog()).isEqualTo(new Backlog(0, Optional.empty()));
        outbox.enqueue("github", "reaction", null, "{}");
        clock.advance(Duration.ofMinutes(1));
        outbox.enqueue("teams", "channel-message", null, "{}");
        clock.advance(Duration.ofMinutes(1));
        outbox.enqueue("teams", "channel-message", null, "{}");

        worker(github).deliverDue();

        assertThat(outbox.backlog()).isEqualTo(new Backlog(2, Optional.of(START.plus(Duration.ofMinutes(1)))));
        assertThat(outbox.pending()).isEqualTo(2);
    }

    private OutboxWorker worker(OutboxDeliverer... deliverers) {
        return new OutboxWorker(store, transactions, List.of(deliverers), settings, clock, announced::add);
    }


    private OutboxMessage stored(OutboxMessage message) {
        return store.findById(message.id()).orElseThrow();
    }

    /**
     * JSON of exactly {@code length} characters with what real comments hold: quotes, newlines
     * (escaped), markdown, accents and characters outside the BMP.
     */
    private static String payloadOf(int length, char marker) {
        String head = "{\"body\":\"" + marker;
        String tail = "\"}";
        String line = "| shop-pr-42 | ✅ ready | é ü ß | 🚀 | \\\"quoted\\\" |\\n";
        StringBuilder body = new StringBuilder(length);
        body.append(head);
        while (body.length() + line.length() + tail.length() <= length) {
            body.append(line);
        }
        while (body.length() + tail.length() < length) {
            body.append('.');
        }
        return body.append(tail).toString();
    }
}
