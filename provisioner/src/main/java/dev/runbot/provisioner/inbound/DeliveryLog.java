package dev.runbot.provisioner.inbound;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers which inbound deliveries (a GitHub {@code X-GitHub-Delivery}, a Slack retry) runbot has
 * taken, so one delivered twice is acted on once — across restarts and replicas, since the
 * database's primary key decides.
 */
@Singleton
public class DeliveryLog {

    /** SQLSTATE of a unique violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private final JdbcOperations jdbc;
    private final Clock clock;

    DeliveryLog(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time a delivery id is seen for a source; false for every repeat. */
    @Transactional
    public boolean firstSeen(String source, String deliveryId) {
        return jdbc.execute(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbound_delivery (source, delivery_id, received_at) SELECT ?, ?, ?"
                            + " WHERE NOT EXISTS (SELECT 1 FROM inbound_delivery WHERE source = ? AND delivery_id = ?)")) {
                insert.setString(1, source);
                insert.setString(2, deliveryId);
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                insert.setString(4, source);
                insert.setString(5, deliveryId);
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // the same delivery raced in on another thread or replica, and won
                }
                throw e;
            }
        });
    }

    /** Forgets deliveries older than {@code age}; a redelivery after that is treated as new. Returns how many. */
    @Transactional
    public int forgetOlderThan(Duration age) {
        Instant cutoff = clock.instant().minus(age);
        return jdbc.execute(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM inbound_delivery WHERE received_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                return delete.executeUpdate();
            }
        });
    }
}
