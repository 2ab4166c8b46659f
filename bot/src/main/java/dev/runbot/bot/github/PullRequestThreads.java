package dev.runbot.bot.github;

import dev.runbot.commands.Messages;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.commands.RepositoryName;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link PullRequestThread} per pull request in the database, so the status comment
 * is found again and edited (never a second one) after restarts and on every replica.
 */
@Singleton
public class PullRequestThreads {

    private static final Logger LOG = LoggerFactory.getLogger(PullRequestThreads.class);
    /** SQLSTATE of a unique violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int COMMAND_LIMIT = 500;
    private static final int BY_LIMIT = 100;
    private static final int REPLY_LIMIT = 65_536;
    private static final String COLUMNS = "id, repository, pull_request, comment_id, comment_digest, deployment_id,"
            + " deployment_sha, deployment_state, last_command, last_command_by, last_command_at, last_reply,"
            + " pull_request_etag, pull_request_open";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    PullRequestThreads(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The pull request's thread, created empty the first time it is asked for. */
    @Transactional
    public PullRequestThread of(PullRequestRef pullRequest) {
        return find(pullRequest).orElseGet(() -> {
            insert(pullRequest);
            return find(pullRequest).orElseThrow();
        });
    }

    /** Remembers the last command typed on the pull request and runbot's answer. */
    @Transactional
    public void recordCommand(PullRequestRef pullRequest, LastCommand command) {
        long id = of(pullRequest).id();
        String reply = replyJson(command.reply());
        update("UPDATE github_pull_request SET last_command = ?, last_command_by = ?, last_command_at = ?,"
                + " last_reply = ? WHERE id = ?", statement -> {
            statement.setString(1, Messages.reason(command.text(), COMMAND_LIMIT));
            statement.setString(2, Messages.reason(command.by(), BY_LIMIT));
            statement.setTimestamp(3, Timestamp.from(command.at()));
            statement.setString(4, reply);
            statement.setLong(5, id);
        });
    }

    /** Remembers which comment is runbot's status comment and what was last written to it. */
    @Transactional
    public void recordComment(long threadId, Optional<Long> commentId, Optional<String> digest) {
        update("UPDATE github_pull_request SET comment_id = ?, comment_digest = ? WHERE id = ?", statement -> {
            setLong(statement, 1, commentId);
            statement.setString(2, digest.orElse(null));
            statement.setLong(3, threadId);
        });
    }

    /** Remembers the deployment of the environment's head and the last status posted to it. */
    @Transactional
    public void recordDeployment(long threadId, long deploymentId, String sha, Optional<String> state) {
        update("UPDATE github_pull_request SET deployment_id = ?, deployment_sha = ?, deployment_state = ?"
                + " WHERE id = ?", statement -> {
            statement.setLong(1, deploymentId);
            statement.setString(2, sha);
            statement.setString(3, state.orElse(null));
            statement.setLong(4, threadId);
        });
    }

    /** What the periodic check last saw of the pull request; empty when it never saw it. Creates no thread. */
    @ReadOnly
    public Optional<SeenPullRequest> seen(PullRequestRef pullRequest) {
        return find(pullRequest).flatMap(PullRequestThread::seen);
    }

    /**
     * Remembers what the periodic check saw of the pull request, making its thread when it has none;
     * empty forgets it, so the next check asks GitHub without an ETag.
     */
    @Transactional
    public void recordSeen(PullRequestRef pullRequest, Optional<SeenPullRequest> seen) {
        long id = of(pullRequest).id();
        Optional<SeenPullRequest> kept = seen.filter(known -> known.etag().length() <= SeenPullRequest.MAX_ETAG);
        if (kept.isEmpty() && seen.isPresent()) {
            LOG.warn("GitHub's ETag for \"{}\" is over {} characters; the next check asks without one", pullRequest,
                    SeenPullRequest.MAX_ETAG);
        }
        update("UPDATE github_pull_request SET pull_request_etag = ?, pull_request_open = ? WHERE id = ?", statement -> {
            statement.setString(1, kept.map(SeenPullRequest::etag).orElse(null));
            if (kept.isPresent()) {
                statement.setBoolean(2, kept.get().open());
            } else {
                statement.setNull(2, Types.BOOLEAN);
            }
            statement.setLong(3, id);
        });
    }

    private Optional<PullRequestThread> find(PullRequestRef pullRequest) {
        return jdbc.execute(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM github_pull_request WHERE repository_key = ? AND pull_request = ?")) {
                select.setString(1, pullRequest.repository().key());
                select.setInt(2, pullRequest.number());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.<PullRequestThread>empty();
                }
            }
        });
    }

    private void insert(PullRequestRef pullRequest) {
        jdbc.execute(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO github_pull_request"
                    + " (repository_key, repository, pull_request) SELECT ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM github_pull_request WHERE repository_key = ? AND pull_request = ?)")) {
                insert.setString(1, pullRequest.repository().key());
                insert.setString(2, pullRequest.repository().toString());
                insert.setInt(3, pullRequest.number());
                insert.setString(4, pullRequest.repository().key());
                insert.setInt(5, pullRequest.number());
                return insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return 0; // another thread or replica made the row first; it is the same row
                }
                throw e;
            }
        });
    }

    private PullRequestThread read(ResultSet row) throws SQLException {
        PullRequestRef pullRequest = new PullRequestRef(RepositoryName.parse(row.getString("repository"))
                .orElseThrow(() -> new IllegalStateException("stored repository is malformed")),
                row.getInt("pull_request"));
        String command = row.getString("last_command");
        String by = row.getString("last_command_by");
        Timestamp at = row.getTimestamp("last_command_at");
        Optional<LastCommand> lastCommand = command == null || at == null ? Optional.empty()
                : parseReply(row.getString("last_reply")).map(reply -> new LastCommand(command, by, at.toInstant(), reply));
        return new PullRequestThread(row.getLong("id"), pullRequest, optionalLong(row, "comment_id"),
                Optional.ofNullable(row.getString("comment_digest")), optionalLong(row, "deployment_id"),
                Optional.ofNullable(row.getString("deployment_sha")),
                Optional.ofNullable(row.getString("deployment_state")), lastCommand, seen(row));
    }

    private static Optional<SeenPullRequest> seen(ResultSet row) throws SQLException {
        String etag = row.getString("pull_request_etag");
        boolean open = row.getBoolean("pull_request_open");
        return etag == null || etag.isBlank() || row.wasNull() ? Optional.empty()
                : Optional.of(new SeenPullRequest(etag, open));
    }

    private Optional<Reply> parseReply(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(text, Argument.of(Reply.class)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("a stored last reply could not be read; the status comment shows none", e);
            return Optional.empty();
        }
    }

    private String replyJson(Reply reply) {
        try {
            String text = json.writeValueAsString(reply);
            if (text.length() <= REPLY_LIMIT) {
                return text;
            }
            Reply shorter = Reply.message(reply.outcome(), Messages.reason(reply.title(), 500),
                    Messages.reason(reply.text(), REPLY_LIMIT / 2));
            return json.writeValueAsString(shorter);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a reply as JSON", e);
        }
    }

    private void update(String sql, StatementValues values) {
        jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                values.set(statement);
                return statement.executeUpdate();
            }
        });
    }

    private static Optional<Long> optionalLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static void setLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    @FunctionalInterface
    private interface StatementValues {
        void set(PreparedStatement statement) throws SQLException;
    }
}
