package dev.runbot.provisioner.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where notifiers leave messages for GitHub and Slack instead of calling them: enqueueing is a
 * local write that cannot fail because a remote is down, and joins the caller's transaction
 * when there is one. {@link OutboxWorker} delivers what is here.
 */
@Singleton
public class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Limits of the {@code outbox_message} columns, checked here so the caller learns which value is wrong. */
    static final int DESTINATION_LIMIT = 32;
    static final int KIND_LIMIT = 64;
    static final int KEY_LIMIT = 512;
    static final int PAYLOAD_LIMIT = 262_144;
    private static final Sort NEWEST_FIRST = Sort.of(Sort.Order.desc("id"));
    /** A replace loses to the worker's write at most this often before a new message is added instead. */
    private static final int REPLACE_TRIES = 3;

    private final OutboxStore store;
    private final Clock clock;

    Outbox(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Adds a message, due now. With a {@code coalesceKey} that has an undelivered message, that
     * message gets this payload instead (the latest state wins) and keeps its place and schedule,
     * and the claim of a worker delivering the older payload right now: no other worker sends the
     * newer one until that delivery is recorded. The replace is written under the optimistic lock,
     * so a claim taken after the message was read is never overwritten; the message is read again.
     *
     * @return the message as stored: new, or the one whose payload was replaced
     * @throws IllegalArgumentException for a value the columns cannot hold, or a key already used
     *                                  for another destination or kind
     */
    @Transactional
    public OutboxMessage enqueue(String destination, String kind, @Nullable String coalesceKey, String payload) {
        check("destination", destination, DESTINATION_LIMIT);
        check("kind", kind, KIND_LIMIT);
        if (coalesceKey != null) {
            check("coalesce key", coalesceKey, KEY_LIMIT);
        }
        if (payload == null) {
            throw new IllegalArgumentException("the payload of a " + destination + " " + kind + " message is null");
        }
        if (payload.length() > PAYLOAD_LIMIT) {
            throw new IllegalArgumentException("the payload of a " + destination + " " + kind + " message has "
                    + payload.length() + " characters; the outbox holds at most " + PAYLOAD_LIMIT);
        }
        if (coalesceKey != null) {
            for (int tries = 0; tries < REPLACE_TRIES; tries++) {
                Optional<OutboxMessage> pending = store.findByCoalesceKeyAndDeliveredAtIsNull(coalesceKey, NEWEST_FIRST)
                        .stream().findFirst();
                if (pending.isEmpty()) {
                    break;
                }
                OutboxMessage current = pending.get();
                if (!current.destination().equals(destination) || !current.kind().equals(kind)) {
                    throw new IllegalArgumentException("coalesce key \"" + coalesceKey + "\" belongs to "
                            + current.destination() + " " + current.kind() + " messages, not to " + destination + " "
                            + kind + " ones");
                }
                if (current.payload().equals(payload)) {
                    return current;
                }
                try {
                    return store.update(current.withPayload(payload));
                } catch (OptimisticLockException e) {
                    // A worker claimed it or recorded an attempt on it meanwhile (maybe delivered it): look again.
                    LOG.debug("outbox message {} changed while its payload was being replaced", current.describe());
                }
            }
        }
        return store.save(OutboxMessage.dueAt(clock.instant(), destination, kind, coalesceKey, payload));
    }

    /** How many messages are not delivered yet, due or waiting for their next attempt. */
    public long pending() {
        return store.countByDeliveredAtIsNull();
    }

    /** The undelivered messages and the age of the oldest. */
    public Backlog backlog() {
        long pending = store.countByDeliveredAtIsNull();
        return new Backlog(pending, Optional.ofNullable(store.findMinCreatedAtByDeliveredAtIsNull()));
    }

    private static void check(String what, String value, int limit) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an outbox message needs a " + what + "; got \"" + value + "\"");
        }
        if (value.length() > limit) {
            throw new IllegalArgumentException("the " + what + " \"" + value + "\" is longer than " + limit
                    + " characters");
        }
    }
}
