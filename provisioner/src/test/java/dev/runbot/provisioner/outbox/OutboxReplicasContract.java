package dev.runbot.provisioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.provisioner.MutableClock;
import dev.runbot.provisioner.TestClockFactory;
import dev.runbot.provisioner.outbox.DeliveryResult.Delivered;
import dev.runbot.provisioner.outbox.DeliveryResult.Retry;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas sharing one outbox: each worker has an application context of its own (connection
 * pool, transactions, store) on one database, so they coordinate through the database alone, as
 * replicas do. Both read the test's hand-moved clock: replicas whose clocks agree exactly.
 * Subclasses run it on H2 and on PostgreSQL.
 */
abstract class OutboxReplicasContract {

    static final Instant START = TestClockFactory.START;
    static final String STICKY = "github:acme/shop#42:sticky";
    /** How long a test waits for another thread before it fails; nothing here is timed. */
    static final long PATIENCE_SECONDS = 60;

    /** The second replica's context, started once per test class on the first replica's database. */
    private static ApplicationContext otherReplica;

    @Inject ApplicationContext context;
    @Inject Outbox outbox;
    @Inject OutboxStore store;
    @Inject OutboxSettings settings;
    @Inject MutableClock clock;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> transactions;

    private ExecutorService threads;

    @BeforeEach
    void emptyOutbox() {
        clock.set(START);
        jdbc.execute(connection -> {
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM outbox_message");
            }
            return null;
        });
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @AfterAll
    static void stopOtherReplica() {
        if (otherReplica != null) {
            otherReplica.close();
            otherReplica = null;
        }
    }

    @Test
    void twoReplicasDeliverEveryMessageExactlyOnceAndEachKeyInOrder() throws Exception {
        // 40 keys of 5 messages and 100 messages without a key, interleaved; -1 stands for "no key".
        List<Integer> slots = new ArrayList<>();
        IntStream.range(0, 40).forEach(key -> slots.addAll(Collections.nCopies(5, key)));
        slots.addAll(Collections.nCopies(100, -1));
        Collections.shuffle(slots, new Random(42));
        List<OutboxMessage> messages = new ArrayList<>();
        int[] nextOfKey = new int[40];
        int unkeyed = 0;
        for (int key : slots) {
            if (key < 0) {
                String destination = unkeyed % 3 == 0 ? "slack" : "github";
                messages.add(outbox.enqueue(destination, "reaction", null, "n" + unkeyed++));
            } else {
                // Rows of their own: enqueue would merge the pending messages of a key into one.
                String coalesceKey = "key-" + key;
                messages.add(store.save(OutboxMessage.dueAt(clock.instant(), key % 2 == 0 ? "github" : "slack",
                        "sticky-comment", coalesceKey, coalesceKey + ":" + nextOfKey[key]++)));
            }
        }
        Ledger ledger = new Ledger();
        OutboxSettings smallBatches = new OutboxSettings(settings.retryBase(), settings.retryCap(), 8,
                settings.claimTimeout());
        OutboxWorker first = new OutboxWorker(store, transactions,
                List.of(ledger.deliverer("first", "github"), ledger.deliverer("first", "slack")), smallBatches, clock,
                ApplicationEventPublisher.noOp());
        OutboxWorker second = otherReplicaWorker(smallBatches, ledger.deliverer("second", "github"),
                ledger.deliverer("second", "slack"));

        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (OutboxWorker worker : List.of(first, second)) {
            for (Set<String> only : List.of(Set.of("github", "slack"), Set.of("github"), Set.of("slack"))) {
                runs.add(threads.submit(() -> {
                    go.await();
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
                    while (outbox.pending() > 0 && System.nanoTime() < giveUp) {
                        worker.deliverDue(only);
                    }
                    return null;
                }));
            }
        }
        go.countDown();
        for (Future<?> run : runs) {
            run.get(2 * PATIENCE_SECONDS, TimeUnit.SECONDS);
        }

        assertThat(outbox.pending()).isZero();
        assertThat(ledger.overlaps).as("offers of a message while another offer of it still ran").hasValue(0);
        assertThat(ledger.deliveries).hasSize(300)
                .allSatisfy((id, count) -> assertThat(count).as("deliveries of message %s", id).hasValue(1));
        assertThat(ledger.deliveries.keySet())
                .containsExactlyInAnyOrderElementsOf(messages.stream().map(OutboxMessage::id).toList());
        assertThat(ledger.byReplica).as("deliveries per replica").containsOnlyKeys("first", "second")
                .allSatisfy((replica, count) -> assertThat(count).hasPositiveValue());
        assertThat(ledger.byKey).hasSize(40).allSatisfy((key, payloads) -> assertThat(payloads)
                .containsExactly(IntStream.range(0, 5).mapToObj(seq -> key + ":" + seq).toArray(String[]::new)));
    }

    @Test
    void aMessageClaimedByAWorkerThatDiedGoesToAnotherOnlyOnceTheClaimHasEnded() throws Exception {
        OutboxMessage message = outbox.enqueue("github", "reaction", null, "{\"content\":\"rocket\"}");
        StallingDeliverer dying = new StallingDeliverer("github");
        Future<Integer> diesDelivering = pass(worker(dying));
        OutboxMessage claimed = dying.awaitOffer();
        ScriptedDeliverer github = new ScriptedDeliverer("github");
        OutboxWorker survivor = otherReplicaWorker(settings, github);

        OutboxMessage held = stored(message);
        assertThat(held.claimedBy()).isNotNull().isEqualTo(claimed.claimedBy());
        assertThat(held.claimedUntil()).isEqualTo(START.plus(settings.claimTimeout()));
        assertThat(survivor.deliverDue()).isZero();
        clock.advance(settings.claimTimeout().minusSeconds(1));
        assertThat(survivor.deliverDue()).isZero();
        assertThat(github.offered()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(survivor.deliverDue()).isEqualTo(1);
        assertThat(github.payloads()).containsExactly("{\"content\":\"rocket\"}");
        assertThat(github.offered().get(0).claimedBy()).isNotEqualTo(claimed.claimedBy());
        OutboxMessage delivered = stored(message);
        assertThat(delivered.deliveredAt()).isEqualTo(START.plus(settings.claimTimeout()));
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.claimedBy()).isNull();
        assertThat(delivered.claimedUntil()).isNull();

        // The stalled worker comes back with an outcome from long ago: it changes nothing.
        dying.answer(new Retry("connection reset"));
        assertThat(diesDelivering.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isZero();
        assertThat(stored(message)).isEqualTo(delivered);
        clock.advance(Duration.ofHours(1));
        assertThat(survivor.deliverDue()).isZero();
        assertThat(github.offered()).hasSize(1);
    }

    @Test
    void aWorkerWhoseClaimRanOutLeavesItsFailedAttemptToTheWorkerThatTookOver() throws Exception {
        OutboxMessage message = outbox.enqueue("github", "deployment-status", null, "{\"state\":\"success\"}");
        StallingDeliverer slow = new StallingDeliverer("github");
        Future<Integer> slowPass = pass(worker(slow));
        slow.awaitOffer();
        clock.advance(settings.claimTimeout());
        StallingDeliverer takingOver = new StallingDeliverer("github");
        Future<Integer> takeOverPass = pass(otherReplicaWorker(settings, takingOver));
        String takenOverBy = takingOver.awaitOffer().claimedBy();

        slow.answer(new Retry("503 Service Unavailable"));
        assertThat(slowPass.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isZero();

        OutboxMessage stillHeld = stored(message);
        assertThat(stillHeld.claimedBy()).isEqualTo(takenOverBy);
        assertThat(stillHeld.attempts()).isZero();
        assertThat(stillHeld.lastError()).isNull();
        ScriptedDeliverer third = new ScriptedDeliverer("github");
        clock.advance(settings.retryBase());
        assertThat(worker(third).deliverDue()).as("the slow worker's backoff would have ended").isZero();
        assertThat(third.offered()).isEmpty();

        takingOver.answer(new Delivered());
        assertThat(takeOverPass.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
        OutboxMessage delivered = stored(message);
        assertThat(delivered.deliveredAt()).isEqualTo(clock.instant());
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.lastError()).isNull();
    }

    @Test
    void aDeliveryByAWorkerWhoseClaimRanOutStillCounts() throws Exception {
        OutboxMessage message = outbox.enqueue("github", "reaction", null, "{\"content\":\"eyes\"}");
        StallingDeliverer slow = new StallingDeliverer("github");
        Future<Integer> slowPass = pass(worker(slow));
        slow.awaitOffer();
        clock.advance(settings.claimTimeout());
        StallingDeliverer takingOver = new StallingDeliverer("github");
        Future<Integer> takeOverPass = pass(otherReplicaWorker(settings, takingOver));
        takingOver.awaitOffer();

        slow.answer(new Delivered());
        assertThat(slowPass.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
        OutboxMessage delivered = stored(message);
        assertThat(delivered.deliveredAt()).isEqualTo(clock.instant());
        assertThat(delivered.claimedBy()).isNull();

        takingOver.answer(new Retry("502 Bad Gateway"));
        takeOverPass.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(stored(message)).isEqualTo(delivered);
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aPayloadReplacedWhileAnotherReplicaDeliversKeepsItsClaimAndGoesNext() throws Exception {
        OutboxMessage message = outbox.enqueue("github", "sticky-comment", STICKY, "v1");
        StallingDeliverer delivering = new StallingDeliverer("github");
        Future<Integer> deliveringPass = pass(worker(delivering));
        String claimant = delivering.awaitOffer().claimedBy();

        OutboxMessage replaced = outbox.enqueue("github", "sticky-comment", STICKY, "v2");

        assertThat(replaced.id()).isEqualTo(message.id());
        assertThat(stored(message).claimedBy()).isEqualTo(claimant);
        ScriptedDeliverer other = new ScriptedDeliverer("github");
        OutboxWorker otherWorker = otherReplicaWorker(settings, other);
        assertThat(otherWorker.deliverDue()).isZero();
        assertThat(other.offered()).isEmpty();

        delivering.answer(new Delivered());
        assertThat(deliveringPass.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isZero();
        assertThat(stored(message).claimedBy()).isNull();
        assertThat(otherWorker.deliverDue()).isEqualTo(1);
        assertThat(delivering.payloads()).containsExactly("v1");
        assertThat(other.payloads()).containsExactly("v2");
    }

    @Test
    void aReplaceThatRacesAClaimRetriesAndLeavesTheClaimStanding() throws Exception {
        OutboxMessage message = outbox.enqueue("github", "sticky-comment", STICKY, "v1");
        StallingDeliverer delivering = new StallingDeliverer("github");
        List<Future<Integer>> deliveringPass = new ArrayList<>();
        // Right after enqueue read the unclaimed row, a worker claims it and starts delivering v1.
        Outbox racing = new Outbox(RacingStore.around(store, () -> {
            deliveringPass.add(pass(worker(delivering)));
            delivering.awaitOffer();
        }), clock);

        OutboxMessage replaced = racing.enqueue("github", "sticky-comment", STICKY, "v2");

        assertThat(replaced.id()).isEqualTo(message.id());
        OutboxMessage stored = stored(message);
        assertThat(stored.payload()).isEqualTo("v2");
        assertThat(stored.claimedBy()).isNotNull();
        assertThat(stored.claimedUntil()).isEqualTo(START.plus(settings.claimTimeout()));
        ScriptedDeliverer other = new ScriptedDeliverer("github");
        OutboxWorker otherWorker = otherReplicaWorker(settings, other);
        assertThat(otherWorker.deliverDue()).isZero();
        assertThat(other.offered()).as("a second delivery while v1 is being delivered").isEmpty();

        delivering.answer(new Delivered());
        deliveringPass.get(0).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(otherWorker.deliverDue()).isEqualTo(1);
        assertThat(delivering.payloads()).containsExactly("v1");
        assertThat(other.payloads()).containsExactly("v2");
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aLaterMessageOfAKeyWaitsWhileAnotherReplicaDeliversAnEarlierOneAndIsNotHeldAfterwards() throws Exception {
        OutboxMessage first = store.save(OutboxMessage.dueAt(clock.instant(), "github", "sticky-comment", STICKY,
                "v1"));
        OutboxMessage second = store.save(OutboxMessage.dueAt(clock.instant(), "github", "sticky-comment", STICKY,
                "v2"));
        StallingDeliverer delivering = new StallingDeliverer("github");
        OutboxSettings oneAtATime = new OutboxSettings(settings.retryBase(), settings.retryCap(), 1,
                settings.claimTimeout());
        Future<Integer> deliveringPass = pass(new OutboxWorker(store, transactions, List.of(delivering), oneAtATime,
                clock, ApplicationEventPublisher.noOp()));
        assertThat(delivering.awaitOffer().id()).isEqualTo(first.id());
        ScriptedDeliverer other = new ScriptedDeliverer("github");
        OutboxWorker otherWorker = otherReplicaWorker(settings, other);

        assertThat(otherWorker.deliverDue()).isZero();
        assertThat(other.offered()).isEmpty();
        assertThat(stored(second).claimedBy()).as("released by the replica that had to leave it").isNull();

        delivering.answer(new Delivered());
        assertThat(deliveringPass.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(otherWorker.deliverDue()).isEqualTo(1);
        assertThat(other.payloads()).containsExactly("v2");
    }

    @Test
    void aClaimHalfOverStartsNoMoreDeliveriesAndIsReleasedForAnotherReplica() {
        OutboxMessage slow = outbox.enqueue("github", "reaction", null, "{\"content\":\"eyes\"}");
        OutboxMessage next = outbox.enqueue("github", "reaction", null, "{\"content\":\"rocket\"}");
        ScriptedDeliverer github = new ScriptedDeliverer("github").then(message -> {
            clock.advance(settings.claimTimeout().dividedBy(2).plusSeconds(1));
            return new Delivered();
        });

        assertThat(worker(github).deliverDue()).isEqualTo(1);

        assertThat(github.offered()).extracting(OutboxMessage::id).containsExactly(slow.id());
        assertThat(stored(next).claimedBy()).isNull();
        assertThat(stored(next).attempts()).isZero();
        ScriptedDeliverer other = new ScriptedDeliverer("github");
        assertThat(otherReplicaWorker(settings, other).deliverDue()).isEqualTo(1);
        assertThat(other.offered()).extracting(OutboxMessage::id).containsExactly(next.id());
    }

    @Test
    void aClaimJustUnderHalfOverStillStartsADelivery() {
        outbox.enqueue("github", "reaction", null, "{\"content\":\"eyes\"}");
        outbox.enqueue("github", "reaction", null, "{\"content\":\"rocket\"}");
        ScriptedDeliverer github = new ScriptedDeliverer("github").then(message -> {
            clock.advance(settings.claimTimeout().dividedBy(2));
            return new Delivered();
        });

        assertThat(worker(github).deliverDue()).isEqualTo(2);
    }

    private OutboxWorker worker(OutboxDeliverer... deliverers) {
        return new OutboxWorker(store, transactions, List.of(deliverers), settings, clock,
                ApplicationEventPublisher.noOp());
    }

    /** A worker of the other replica: its store and transactions, the test's deliverers and clock. */
    private OutboxWorker otherReplicaWorker(OutboxSettings workerSettings, OutboxDeliverer... deliverers) {
        ApplicationContext replica = otherReplica();
        return new OutboxWorker(replica.getBean(OutboxStore.class),
                replica.getBean(Argument.of(TransactionOperations.class, Connection.class)), List.of(deliverers),
                workerSettings, clock, ApplicationEventPublisher.noOp());
    }

    @SuppressWarnings("resource")
    private ApplicationContext otherReplica() {
        DatasourceConfiguration database = context.getBean(DatasourceConfiguration.class,
                Qualifiers.byName("default"));
        String url = database.getUrl();
        if (otherReplica != null && !url.equals(otherReplica.getProperty("datasources.default.url", String.class)
                .orElse(null))) {
            stopOtherReplica();
        }
        if (otherReplica == null) {
            otherReplica = ApplicationContext.builder().environments("test").properties(Map.of(
                    "datasources.default.url", url,
                    "datasources.default.driver-class-name", database.getDriverClassName(),
                    "datasources.default.username", Objects.toString(database.getUsername(), ""),
                    "datasources.default.password", Objects.toString(database.getPassword(), ""),
                    "runbot.data-dir", context.getProperty("runbot.data-dir", String.class).orElseThrow()))
                    .start();
        }
        return otherReplica;
    }

    /** Runs one pass of {@code worker} on a thread of its own. */
    private Future<Integer> pass(OutboxWorker worker) {
        return CompletableFuture.supplyAsync(worker::deliverDue, threads);
    }


    private OutboxMessage stored(OutboxMessage message) {
        return store.findById(message.id()).orElseThrow();
    }

    /**
     * What the deliverers of both replicas were offered: deliveries per message and per replica,
     * offers of a message that overlapped, and the order within each key.
     */
    private static final class Ledger {
        final Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> byReplica = new ConcurrentHashMap<>();
        final Map<String, List<String>> byKey = new ConcurrentHashMap<>();
        final AtomicInteger overlaps = new AtomicInteger();
        private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

        OutboxDeliverer deliverer(String replica, String destination) {
            return new OutboxDeliverer() {
                @Override
                public String destination() {
                    return destination;
                }

                @Override
                public DeliveryResult deliver(OutboxMessage message) {
                    if (!inFlight.add(message.id())) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        deliveries.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
                        byReplica.computeIfAbsent(replica, name -> new AtomicInteger()).incrementAndGet();
                        if (message.coalesceKey() != null) {
                            byKey.computeIfAbsent(message.coalesceKey(),
                                    key -> Collections.synchronizedList(new ArrayList<>())).add(message.payload());
                        }
                        Thread.yield(); // a remote takes a while: let the other replica's threads run meanwhile
                        return new Delivered();
                    } finally {
                        inFlight.remove(message.id());
                    }
                }
            };
        }
    }

    /**
     * A destination that holds every message it is offered until the test answers for it: a
     * worker stalled mid-delivery, or dead as far as the database can tell.
     */
    private static final class StallingDeliverer implements OutboxDeliverer {
        private final String destination;
        private final BlockingQueue<OutboxMessage> offers = new LinkedBlockingQueue<>();
        private final BlockingQueue<DeliveryResult> answers = new LinkedBlockingQueue<>();
        private final List<String> payloads = Collections.synchronizedList(new ArrayList<>());

        StallingDeliverer(String destination) {
            this.destination = destination;
        }

        /** The next message this deliverer was offered, once it has been. */
        OutboxMessage awaitOffer() {
            try {
                OutboxMessage offered = offers.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
                assertThat(offered).as("a message offered to the stalling %s deliverer", destination).isNotNull();
                return offered;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for an offer", e);
            }
        }

        void answer(DeliveryResult result) {
            answers.add(result);
        }

        List<String> payloads() {
            return payloads;
        }

        @Override
        public String destination() {
            return destination;
        }

        @Override
        public DeliveryResult deliver(OutboxMessage message) {
            payloads.add(message.payload());
            offers.add(message);
            try {
                DeliveryResult answer = answers.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
                return answer != null ? answer : new Retry("the test never answered");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Retry("interrupted");
            }
        }
    }
}
