package dev.runbot.provisioner.outbox;

import dev.runbot.commands.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * One notification on its way to an outside system. The outbox does not know what the payload
 * means; the deliverer of its destination does. Rows stay after delivery as history.
 *
 * @param destination   which deliverer takes it, e.g. {@code github}, {@code slack}
 * @param kind          what it is for that deliverer, e.g. {@code sticky-comment}, {@code channel-message}
 * @param coalesceKey   messages with one key are one thing (e.g. {@code github:acme/shop#42:sticky}): a
 *                      newer payload replaces an undelivered one, and they are delivered in order
 * @param payload       what to send, as the caller wrote it (JSON)
 * @param attempts      how many times delivery was tried
 * @param nextAttemptAt not tried again before this
 * @param deliveredAt   when the destination accepted it, or rejected it for good; {@code null} while pending
 * @param lastError     why the last attempt did not deliver it; kept on a rejected message, cleared on delivery
 * @param claimedBy     the worker that is offering it now; {@code null} when no worker is
 * @param claimedUntil  when that claim ends: until then no other worker offers it, after that (the
 *                      worker died or stalled) another may; an outcome clears both
 * @param version       optimistic lock: a payload replaced during delivery is not marked delivered, and
 *                      every claim and release changes it, so a stale write cannot undo one
 */
@MappedEntity("outbox_message")
public record OutboxMessage(
        @Id @GeneratedValue @Nullable Long id,
        String destination,
        String kind,
        @Nullable String coalesceKey,
        String payload,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        @Nullable Instant deliveredAt,
        @Nullable String lastError,
        @Nullable String claimedBy,
        @Nullable Instant claimedUntil,
        @Version @Nullable Long version) {

    /** The longest {@link #lastError} kept; the column holds exactly this many characters. */
    static final int ERROR_LIMIT = 2000;

    static OutboxMessage dueAt(Instant now, String destination, String kind, @Nullable String coalesceKey,
                               String payload) {
        return new OutboxMessage(null, destination, kind, coalesceKey, payload, 0, now, now, null, null, null, null,
                null);
    }

    /** The same message with a newer payload; its schedule and any worker's claim on it stay as they are. */
    OutboxMessage withPayload(String newPayload) {
        return new OutboxMessage(id, destination, kind, coalesceKey, newPayload, attempts, nextAttemptAt, createdAt,
                deliveredAt, lastError, claimedBy, claimedUntil, version);
    }

    OutboxMessage deliveredAt(Instant now) {
        return new OutboxMessage(id, destination, kind, coalesceKey, payload, attempts + 1, nextAttemptAt, createdAt,
                now, null, null, null, version);
    }

    OutboxMessage rejectedAt(Instant now, String reason) {
        return new OutboxMessage(id, destination, kind, coalesceKey, payload, attempts + 1, nextAttemptAt, createdAt,
                now, Messages.reason(reason, ERROR_LIMIT), null, null, version);
    }

    /** A failed attempt. Its claim ends with it: the message is due at {@code next}, not when the claim would end. */
    OutboxMessage retriedUntil(Instant next, String reason) {
        return new OutboxMessage(id, destination, kind, coalesceKey, payload, attempts + 1, next, createdAt,
                null, Messages.reason(reason, ERROR_LIMIT), null, null, version);
    }

    /** Whether a worker other than {@code worker} holds a claim on it that has not ended at {@code now}. */
    boolean claimedByAnotherAt(String worker, Instant now) {
        return claimedBy != null && !claimedBy.equals(worker) && claimedUntil != null && now.isBefore(claimedUntil);
    }

    /** How logs name it: {@code 17 (github sticky-comment "github:acme/shop#42:sticky")}. */
    String describe() {
        return id + " (" + destination + " " + kind + (coalesceKey == null ? "" : " \"" + coalesceKey + "\"") + ")";
    }
}
