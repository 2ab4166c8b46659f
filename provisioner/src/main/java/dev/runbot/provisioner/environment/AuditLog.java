package dev.runbot.provisioner.environment;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The append-only history of every change to every environment. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface AuditLog extends GenericRepository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    /** In the order the changes happened (ids grow with every insert). */
    List<AuditEntry> findByEnvironmentIdOrderById(long environmentId);
}
