package dev.runbot.provisioner.outbox;

import io.micronaut.core.annotation.Nullable;
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
 * same statements run on H2 and PostgreSQL.
 */
@JdbcRepository(dialect = Dialect.ANSI)
interface OutboxStore extends CrudRepository<OutboxMessage, Long> {

    /** The undelivered messages of one key (normally at most one), in the order given. */
    List<OutboxMessage> findByCoalesceKeyAndDeliveredAtIsNull(String coalesceKey, Sort sort);

    /** Due messages of the destinations that have a deliverer, one page of them. */
    List<OutboxMessage> findByDeliveredAtIsNullAndNextAttemptAtLessThanEqualsAndDestinationInList(
            Instant now, Collection<String> destinations, Pageable page);

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
