package dev.runbot.provisioner.outbox;

import dev.runbot.commands.Messages;
import dev.runbot.provisioner.LogContext;
import dev.runbot.provisioner.outbox.DeliveryResult.Delivered;
import dev.runbot.provisioner.outbox.DeliveryResult.Rejected;
import dev.runbot.provisioner.outbox.DeliveryResult.Retry;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what is due in the outbox through the deliverer of each message's destination, and
 * records how it went: delivered, retried later with capped exponential backoff, or rejected for
 * good. Nothing is ever dropped; a destination that is down or missing only makes its messages
 * wait. Every replica runs one, on the shared database: each claims the messages it offers, so no
 * two offer one message at the same time. It schedules nothing itself: the application calls
 * {@link #deliverDue()} on a timer.
 */
@Singleton
public class OutboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
    private static final Sort OLDEST_FIRST = Sort.of(Sort.Order.asc("id"));
    /** Stands in for "no deliverer at all", so IN and NOT IN never get an empty list; destinations are never blank. */
    private static final String NO_DESTINATION = "";
    /** How many undeliverable messages are looked at to name their destinations in the log. */
    private static final int UNDELIVERABLE_SAMPLE = 1000;
    /** Claims commit at once, whatever transaction the caller is in, so other workers see them. */
    private static final TransactionDefinition OWN_TRANSACTION = TransactionDefinition.of(Propagation.REQUIRES_NEW);

    /** What this worker stamps its claims with: unique per instance, so per replica. */
    private final String id = UUID.randomUUID().toString();
    private final OutboxStore store;
    private final TransactionOperations<Connection> transactions;
    private final Map<String, OutboxDeliverer> deliverers;
    private final Set<String> destinations;
    private final OutboxSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher<DeliveryOutcome> outcomes;
    /** One per destination: two passes never offer the same destination's messages at once. */
    private final Map<String, ReentrantLock> destinationLocks;
    /** Destinations that said how long to wait (Retry-After): none of their messages is offered before then. */
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    OutboxWorker(OutboxStore store, TransactionOperations<Connection> transactions, List<OutboxDeliverer> deliverers,
                 OutboxSettings settings, Clock clock, ApplicationEventPublisher<DeliveryOutcome> outcomes) {
        this.store = store;
        this.transactions = transactions;
        this.deliverers = byDestination(deliverers);
        this.destinations = this.deliverers.isEmpty() ? Set.of(NO_DESTINATION) : this.deliverers.keySet();
        this.destinationLocks = this.deliverers.keySet().stream()
                .collect(Collectors.toUnmodifiableMap(destination -> destination, destination -> new ReentrantLock()));
        this.settings = settings;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    /** The destinations that have a deliverer. */
    public Set<String> destinations() {
        return deliverers.keySet();
    }

    /**
     * One pass over every destination: each due message (oldest first, at most
     * {@code runbot.outbox.batch-size}) that no other worker has claimed is claimed and offered
     * once to its deliverer. While a pass over any of the same destinations runs in this worker,
     * this call returns 0 at once rather than wait for it.
     *
     * @return how many messages their destination accepted in this pass
     */
    public int deliverDue() {
        return deliverDue(deliverers.keySet());
    }

    /**
     * One pass over some destinations only, so slow ones (a remote API) never hold up quick ones
     * (runbot's own inbound work). Destinations without a deliverer are left waiting.
     */
    public int deliverDue(Set<String> only) {
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (String destination : new TreeSet<>(only)) {
                ReentrantLock lock = destinationLocks.get(destination);
                if (lock == null) {
                    continue;
                }
                if (!lock.tryLock()) {
                    LOG.debug("an outbox pass over \"{}\" is already running; this one is skipped", destination);
                    return 0;
                }
                held.add(lock);
            }
            Set<String> wanted = new TreeSet<>(only);
            wanted.retainAll(deliverers.keySet());
            if (wanted.containsAll(deliverers.keySet())) {
                reportUndeliverable(clock.instant());
            }
            return wanted.isEmpty() ? 0 : pass(wanted);
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }

    private int pass(Set<String> passDestinations) {
        Instant now = clock.instant();
        Set<String> open = passDestinations.stream().filter(destination -> !paused(destination, now))
                .collect(Collectors.toCollection(TreeSet::new));
        if (open.isEmpty()) {
            return 0;
        }
        List<OutboxMessage> due = claimDue(now, open);
        if (due.isEmpty()) {
            return 0;
        }
        Set<Long> held = due.stream().map(OutboxMessage::id).collect(Collectors.toCollection(LinkedHashSet::new));
        try {
            return offer(due, held, now.plus(settings.offerWithin()));
        } finally {
            release(held);
        }
    }

    /**
     * Offers the claimed messages in order, each to its deliverer, and records how it went. A
     * message it records is removed from {@code held}; the caller releases the claims left there.
     *
     * @param offerBy after this the claims are too old to start another delivery with
     */
    private int offer(List<OutboxMessage> due, Set<Long> held, Instant offerBy) {
        Map<String, Deque<Long>> keyQueues = undeliveredByKey(due);
        int delivered = 0;
        int tooLate = 0;
        for (OutboxMessage message : due) {
            String key = message.coalesceKey();
            Deque<Long> queue = key == null ? null : keyQueues.get(key);
            if (key != null && (queue == null || !message.id().equals(queue.peekFirst()))) {
                LOG.debug("outbox message {} waits for the older messages of its key", message.describe());
                continue;
            }
            Instant now = clock.instant();
            boolean late = now.isAfter(offerBy);
            if (late || paused(message.destination(), now)) {
                // Not in this pass. A paused destination asked everyone to wait (a rate limit), not only the
                // message that was told; and a claim this old could end while a delivery started now still runs.
                if (late) {
                    tooLate++;
                }
                if (queue != null) {
                    keyQueues.remove(key);
                }
                continue;
            }
            boolean finished;
            DeliveryResult result;
            // Every line about this attempt names the message; a deliverer may name its own delivery within.
            try (LogContext context = LogContext.delivery("outbox:" + message.id())) {
                result = attempt(message);
                if (result instanceof Retry retry && retry.after().isPresent()) {
                    pausedUntil.put(message.destination(), clock.instant().plus(retry.after().get()));
                }
                finished = record(message, result);
            }
            held.remove(message.id());
            if (finished && result instanceof Delivered) {
                delivered++;
            }
            if (queue != null) {
                if (finished) {
                    queue.pollFirst();
                } else {
                    keyQueues.remove(key); // later messages of this key wait for the next pass
                }
            }
        }
        if (tooLate > 0) {
            LOG.info("outbox worker \"{}\" left {} claimed message(s) for a later pass: it may start deliveries"
                    + " only until {}, half of runbot.outbox.claim-timeout ({}) after claiming them", id, tooLate,
                    offerBy, settings.claimTimeout());
        }
        return delivered;
    }

    private boolean paused(String destination, Instant now) {
        Instant until = pausedUntil.get(destination);
        return until != null && now.isBefore(until);
    }

    /**
     * Claims the due messages this pass works on, oldest first, at most
     * {@code runbot.outbox.batch-size}. In a short transaction of its own it selects due rows
     * without an unexpired claim {@code FOR UPDATE SKIP LOCKED} and stamps them with this worker's
     * id and {@code now + runbot.outbox.claim-timeout}, so no two workers (replicas) offer one
     * message at the same time: a row another worker is claiming right now is skipped, and one it
     * has claimed fails the due query until its claim ends. Every claim is a new version of the
     * row, so a write based on an older read (an outcome of a worker whose claim ran out, a payload
     * replaced by {@link Outbox#enqueue}) fails the optimistic lock instead of undoing the claim.
     * Recording an outcome ends the claim; so does {@code release} for a message the pass did not
     * offer. A worker that dies holding claims only delays those messages until the claims end,
     * and then another delivers them (at least once, as always). Per-key order looks at every
     * undelivered row of a key, wherever it is claimed.
     */
    private List<OutboxMessage> claimDue(Instant now, Set<String> passDestinations) {
        Instant until = now.plus(settings.claimTimeout());
        List<OutboxMessage> claimed = transactions.execute(OWN_TRANSACTION, status -> {
            List<Long> ids = store.lockClaimable(now, passDestinations, settings.batchSize());
            if (ids.isEmpty()) {
                return List.of();
            }
            store.claim(ids, id, until);
            return store.findByIdInList(ids, OLDEST_FIRST);
        });
        if (!claimed.isEmpty()) {
            LOG.debug("outbox worker \"{}\" claimed {} message(s) of {} until {}", id, claimed.size(),
                    quoted(passDestinations), until);
        }
        return claimed;
    }

    /** Ends this worker's claims on messages it did not record an outcome for, so they are due again at once. */
    private void release(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i++) {
            try {
                store.release(all.get(i), id);
            } catch (RuntimeException e) {
                LOG.warn("outbox worker \"{}\" could not release its claims on outbox messages {}; they are offered"
                        + " again when the claims end", id, all.subList(i, all.size()), e);
                return;
            }
        }
    }

    /** For each key in the batch, the ids of all its undelivered messages, oldest first. */
    private Map<String, Deque<Long>> undeliveredByKey(List<OutboxMessage> due) {
        Set<String> keys = due.stream().map(OutboxMessage::coalesceKey).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, Deque<Long>> queues = new HashMap<>();
        if (keys.isEmpty()) {
            return queues;
        }
        for (KeyedMessage keyed : store.findByCoalesceKeyInListAndDeliveredAtIsNull(keys, OLDEST_FIRST)) {
            queues.computeIfAbsent(keyed.coalesceKey(), k -> new ArrayDeque<>()).add(keyed.id());
        }
        return queues;
    }

    private DeliveryResult attempt(OutboxMessage message) {
        OutboxDeliverer deliverer = deliverers.get(message.destination());
        try {
            DeliveryResult result = deliverer.deliver(message);
            return result != null ? result
                    : new Retry("the " + message.destination() + " deliverer " + deliverer.getClass().getName()
                            + " answered nothing");
        } catch (Exception e) {
            LOG.warn("delivering outbox message {} threw", message.describe(), e);
            return new Retry(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /**
     * Writes the outcome of an attempt, under the optimistic lock. Afterwards this worker holds no
     * claim on the message.
     *
     * @return whether the message is finished (delivered or rejected); {@code false} while it stays pending
     */
    private boolean record(OutboxMessage attempted, DeliveryResult result) {
        try {
            store.update(next(attempted, result));
            recorded(attempted, result);
            return !(result instanceof Retry);
        } catch (OptimisticLockException e) {
            return recordAfterConflict(attempted, result);
        }
    }

    /**
     * The message changed while it was being delivered: its payload was replaced by a newer
     * {@code enqueue}, or this worker's claim ran out and another worker claimed it, maybe
     * finished it. A failed attempt still counts against the fresh row, unless another worker
     * holds the message now: marking it for a retry would end that worker's claim while it may
     * still be delivering. A delivered or rejected attempt is final if it concerned the current
     * payload (nobody offers a finished message again); one that concerned an older payload
     * leaves the new one pending, to go next pass.
     */
    private boolean recordAfterConflict(OutboxMessage attempted, DeliveryResult result) {
        Optional<OutboxMessage> fresh = store.findById(attempted.id());
        if (fresh.isEmpty() || fresh.get().deliveredAt() != null) {
            LOG.info("outbox message {} was finished elsewhere while being delivered", attempted.describe());
            return true;
        }
        OutboxMessage current = fresh.get();
        if (result instanceof Retry && current.claimedByAnotherAt(id, clock.instant())) {
            LOG.info("outbox message {} was claimed by outbox worker \"{}\" until {} while worker \"{}\" was"
                    + " delivering it ({}); that worker records how its own attempt goes", attempted.describe(),
                    current.claimedBy(), current.claimedUntil(), id, describe(result));
            return false;
        }
        if (result instanceof Retry || current.payload().equals(attempted.payload())) {
            try {
                store.update(next(current, result));
                recorded(current, result);
                return !(result instanceof Retry);
            } catch (OptimisticLockException again) {
                LOG.info("outbox message {} changed again while its outcome was recorded; it stays pending",
                        attempted.describe());
                release(List.of(attempted.id()));
                return false;
            }
        }
        LOG.info("outbox message {} got a newer payload while the older one was being delivered ({}); the newer"
                + " payload stays pending", attempted.describe(), describe(result));
        release(List.of(attempted.id()));
        return false;
    }

    private OutboxMessage next(OutboxMessage message, DeliveryResult result) {
        Instant now = clock.instant();
        if (result instanceof Delivered) {
            return message.deliveredAt(now);
        }
        if (result instanceof Rejected rejected) {
            return message.rejectedAt(now, rejected.reason());
        }
        Retry retry = (Retry) result;
        return message.retriedUntil(now.plus(wait(message.attempts() + 1, retry.after())), retry.reason());
    }

    /** The backoff after that many failed attempts, or longer if the destination asked for longer. */
    private Duration wait(int failedAttempts, Optional<Duration> asked) {
        Duration backoff = settings.backoff(failedAttempts);
        return asked.filter(after -> after.compareTo(backoff) > 0).orElse(backoff);
    }

    /** Logs and announces an outcome just written. */
    private void recorded(OutboxMessage message, DeliveryResult result) {
        outcomes.publishEvent(new DeliveryOutcome(message.destination(), message.kind(),
                result instanceof Delivered ? DeliveryOutcome.Outcome.DELIVERED
                        : result instanceof Rejected ? DeliveryOutcome.Outcome.REJECTED : DeliveryOutcome.Outcome.RETRY));
        int attempt = message.attempts() + 1;
        if (result instanceof Delivered) {
            if (attempt > 1) {
                LOG.info("outbox message {} delivered on attempt {}", message.describe(), attempt);
            } else {
                LOG.debug("outbox message {} delivered", message.describe());
            }
        } else if (result instanceof Rejected rejected) {
            LOG.warn("\"{}\" rejected outbox message {} on attempt {}: {}; it is not tried again",
                    message.destination(), message.describe(), attempt, Messages.reason(rejected.reason(), OutboxMessage.ERROR_LIMIT));
        } else {
            Retry retry = (Retry) result;
            LOG.warn("outbox message {} not delivered on attempt {}: {}; next attempt in {}", message.describe(),
                    attempt, Messages.reason(retry.reason(), OutboxMessage.ERROR_LIMIT), wait(attempt, retry.after()));
        }
    }

    private static String describe(DeliveryResult result) {
        if (result instanceof Rejected rejected) {
            return "rejected: " + Messages.reason(rejected.reason(), OutboxMessage.ERROR_LIMIT);
        }
        if (result instanceof Retry retry) {
            return "retry: " + Messages.reason(retry.reason(), OutboxMessage.ERROR_LIMIT);
        }
        return "delivered";
    }

    /** Due messages whose destination has no deliverer stay pending; one warning per pass says so. */
    private void reportUndeliverable(Instant now) {
        long waiting = store.countByDeliveredAtIsNullAndNextAttemptAtLessThanEqualsAndDestinationNotInList(now,
                destinations);
        if (waiting == 0) {
            return;
        }
        Set<String> missing = new TreeSet<>(store
                .findDestinationByDeliveredAtIsNullAndNextAttemptAtLessThanEqualsAndDestinationNotInList(now,
                        destinations, Pageable.from(0, UNDELIVERABLE_SAMPLE)));
        LOG.warn("{} due outbox message(s) stay pending: no deliverer for destination {} (deliverers: {})",
                waiting, quoted(missing), deliverers.isEmpty() ? "none" : quoted(deliverers.keySet()));
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
    }

    private static Map<String, OutboxDeliverer> byDestination(List<OutboxDeliverer> deliverers) {
        Map<String, OutboxDeliverer> map = new TreeMap<>();
        for (OutboxDeliverer deliverer : deliverers) {
            String destination = deliverer.destination();
            if (destination == null || destination.isBlank()) {
                throw new IllegalStateException("outbox deliverer " + deliverer.getClass().getName()
                        + " names no destination");
            }
            OutboxDeliverer other = map.putIfAbsent(destination, deliverer);
            if (other != null) {
                throw new IllegalStateException("two outbox deliverers claim destination \"" + destination + "\": "
                        + other.getClass().getName() + " and " + deliverer.getClass().getName()
                        + "; each destination needs exactly one");
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
