package dev.runbot.provisioner.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where outbox messages are kept, next to the environments. Standard SQL (ANSI dialect), so the
 * same statements run on H2 and PostgreSQL; the claim statements are written by hand because
 * Micronaut Data derives no {@code SKIP LOCKED}, and run on both as well (H2 has it since 2.2.220).
 */
@JdbcRepository(dialect = Dialect.ANSI)
interface OutboxStore extends CrudRepository<OutboxMessage, Long> {

    /** The undelivered messages of one key (normally at most one), in the order given. */
    List<OutboxMessage> findByCoalesceKeyAndDeliveredAtIsNull(String coalesceKey, Sort sort);

    /**
     * Ids of due messages of these destinations that no worker has an unexpired claim on, oldest
     * first, at most {@code limit}, locked until the caller's transaction ends. Rows another
     * transaction has locked (another worker claiming them right now) are skipped rather than
     * waited for; both databases check the conditions again on the row they lock, so a claim
     * committed meanwhile is seen. PostgreSQL locks only the rows it returns; H2 locks every
     * matching row before it sorts, so there a worker claiming at the same moment finds none
     * rather than the next ones (H2 is the single-replica default).
     */
    @Query("SELECT id FROM outbox_message"
            + " WHERE delivered_at IS NULL AND next_attempt_at <= :now AND destination IN (:destinations)"
            + " AND (claimed_until IS NULL OR claimed_until <= :now)"
            + " ORDER BY id FETCH FIRST :limit ROWS ONLY FOR UPDATE SKIP LOCKED")
    List<Long> lockClaimable(Instant now, Collection<String> destinations, int limit);

    /** Stamps these messages with a worker's claim; every claim is a new version. */
    @Query("UPDATE outbox_message SET claimed_by = :worker, claimed_until = :until, version = version + 1"
            + " WHERE id IN (:ids)")
    long claim(Collection<Long> ids, String worker, Instant until);

    /**
     * Ends a worker's claim on a message without an outcome (it did not offer it), so it is due
     * again at once; a claim that is no longer that worker's stays as it is. One row a statement:
     * a release never holds one row while it waits for another, which a transaction replacing the
     * payloads of several keys could be holding in the other order.
     */
    @Query("UPDATE outbox_message SET claimed_by = NULL, claimed_until = NULL, version = version + 1"
            + " WHERE id = :id AND claimed_by = :worker")
    long release(Long id, String worker);

    List<OutboxMessage> findByIdInList(Collection<Long> ids, Sort sort);

    /** Id and key of every undelivered message of these keys, to keep each key in order. */
    List<KeyedMessage> findByCoalesceKeyInListAndDeliveredAtIsNull(Collection<String> coalesceKeys, Sort sort);

    long countByDeliveredAtIsNullAndNextAttemptAtLessThanEqualsAndDestinationNotInList(
            Instant now, Collection<String> destinations);

    List<String> findDestinationByDeliveredAtIsNullAndNextAttemptAtLessThanEqualsAndDestinationNotInList(
            Instant now, Collection<String> destinations, Pageable page);

    long countByDeliveredAtIsNull();

    @Nullable
    Instant findMinCreatedAtByDeliveredAtIsNull();
}
