package dev.runbot.provisioner.lifecycle;

import dev.runbot.provisioner.environment.AuditEntry;
import dev.runbot.provisioner.environment.AuditLog;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Writes a change of an environment together with its audit entry, and names it as an event. */
@Singleton
public class EnvironmentChanges {

    private final EnvironmentStore store;
    private final AuditLog audit;
    private final Clock clock;

    EnvironmentChanges(EnvironmentStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Saves {@code changed} (insert or optimistic update) and records who did what. */
    public EnvironmentEvent record(Environment changed, EnvironmentEvent.Type type, Requester by, String detail) {
        Instant now = clock.instant();
        Environment stamped = changed.toBuilder().updatedAt(now).build();
        Environment saved = stamped.id() == null ? store.save(stamped) : store.update(stamped);
        audit.save(new AuditEntry(null, saved.id(), saved.name(), saved.repository(), saved.pullRequest(),
                by.name(), by.channel().label(), type.label(), detail, now));
        return new EnvironmentEvent(type, saved, by, now, detail);
    }
}
