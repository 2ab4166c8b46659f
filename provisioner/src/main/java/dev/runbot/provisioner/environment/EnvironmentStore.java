package dev.runbot.provisioner.environment;

import io.micronaut.data.annotation.Query;
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

    /** The environments most recently put in a state, newest first: the dashboard's destroyed ones. */
    List<Environment> findTop20ByStateOrderByUpdatedAtDesc(EnvironmentState state);

    /** Every environment that exists or is meant to, in the order given. */
    List<Environment> findByStateNotEqual(EnvironmentState state, Sort sort);

    List<Environment> findByRepositoryKeyAndStateNotEqualOrderByPullRequestAsc(String repositoryKey, EnvironmentState state);

    /** Environments whose pin has not ended, oldest pin first. */
    List<Environment> findByStateNotEqualAndPinnedUntilGreaterThanOrderByPinnedUntilAsc(EnvironmentState state, Instant now);

    /** Environments the reconciler still has work on. */
    List<Environment> findByStateInList(List<EnvironmentState> states);

    /** How many environments are in a state, for the metrics. */
    long countByState(EnvironmentState state);

    /** Every environment that ever had this namespace, live or destroyed. */
    List<Environment> findByNamespace(String namespace);

    /**
     * Claims the environment's work for {@code claimant} until {@code until}, unless another
     * claim has not run out by {@code now}; one row updated means the claim is held.
     */
    @Query("UPDATE environment SET claimed_by = :claimant, claimed_until = :until"
            + " WHERE id = :id AND (claimed_until IS NULL OR claimed_until < :now)")
    int claim(long id, String claimant, Instant until, Instant now);

    /** Keeps a claim this claimant still holds for longer; one row updated means it is still held. */
    @Query("UPDATE environment SET claimed_until = :until WHERE id = :id AND claimed_by = :claimant")
    int renew(long id, String claimant, Instant until);

    /** Lets go of a claim, if it is still this claimant's. */
    @Query("UPDATE environment SET claimed_by = NULL, claimed_until = NULL WHERE id = :id AND claimed_by = :claimant")
    int release(long id, String claimant);
}
