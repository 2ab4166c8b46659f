package dev.runbot.provisioner.environment;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where environments are kept: H2 by default, PostgreSQL in production. Queries are generated as
 * standard SQL (ANSI dialect), so the very same statements run on both.
 */
@JdbcRepository(dialect = Dialect.ANSI)
public interface EnvironmentStore extends CrudRepository<Environment, Long> {

    Optional<Environment> findByRepositoryKeyAndPullRequest(String repositoryKey, int pullRequest);

    /** The live environment of that name, or else the one that had it last. */
    Optional<Environment> findFirstByNameOrderByUpdatedAtDesc(String name);

    List<Environment> findByNameAndStateNotEqual(String name, EnvironmentState state);

    /** Every environment that exists or is meant to, in the order given. */
    List<Environment> findByStateNotEqual(EnvironmentState state, Sort sort);

    List<Environment> findByRepositoryKeyAndStateNotEqualOrderByPullRequestAsc(String repositoryKey, EnvironmentState state);

    /** Environments whose pin has not ended, oldest pin first. */
    List<Environment> findByStateNotEqualAndPinnedUntilGreaterThanOrderByPinnedUntilAsc(EnvironmentState state, Instant now);

    /** Environments the reconciler still has work on. */
    List<Environment> findByStateInList(List<EnvironmentState> states);
}
