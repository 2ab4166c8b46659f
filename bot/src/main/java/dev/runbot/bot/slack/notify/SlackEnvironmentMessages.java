package dev.runbot.bot.slack.notify;

import dev.runbot.bot.slack.PostedMessage;
import dev.runbot.commands.PullRequestRef;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Remembers where each environment's Slack message is, so it is updated in place (never posted
 * again) after restarts and on every replica.
 */
@Singleton
public class SlackEnvironmentMessages {

    /** SQLSTATE of a unique violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcOperations jdbc;

    SlackEnvironmentMessages(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the environment's message is, once it was posted. */
    @Transactional
    public Optional<PostedMessage> find(PullRequestRef pullRequest) {
        return jdbc.execute(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT channel, ts FROM"
                    + " slack_environment_message WHERE repository_key = ? AND pull_request = ?")) {
                select.setString(1, pullRequest.repository().key());
                select.setInt(2, pullRequest.number());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new PostedMessage(row.getString("channel"), row.getString("ts")))
                            : Optional.<PostedMessage>empty();
                }
            }
        });
    }

    /** Remembers a message just posted; a message posted for it before is replaced by this one. */
    @Transactional
    public void remember(PullRequestRef pullRequest, PostedMessage posted) {
        jdbc.execute(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE slack_environment_message"
                    + " SET channel = ?, ts = ? WHERE repository_key = ? AND pull_request = ?")) {
                update.setString(1, posted.channel());
                update.setString(2, posted.ts());
                update.setString(3, pullRequest.repository().key());
                update.setInt(4, pullRequest.number());
                if (update.executeUpdate() == 1) {
                    return 1;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO slack_environment_message"
                    + " (repository_key, pull_request, channel, ts) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, pullRequest.repository().key());
                insert.setInt(2, pullRequest.number());
                insert.setString(3, posted.channel());
                insert.setString(4, posted.ts());
                return insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return 0; // one deliverer at a time posts for a pull request; the other's row stands
                }
                throw e;
            }
        });
    }
}
