package dev.runbot.bot.web;

import dev.runbot.commands.RepositoryName;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which repositories a person logged in with GitHub may see on the dashboard, asked of GitHub
 * with their token and remembered for a few minutes per session (keyed by a hash of the token,
 * never the token). When GitHub cannot answer, the repository stays hidden and nothing is kept.
 */
@Singleton
public class RepositoryAccess {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryAccess.class);
    static final Duration KEEP = Duration.ofMinutes(5);
    private static final int MOST_KEPT = 10_000;

    private final GitHubUsers github;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    RepositoryAccess(GitHubUsers github, Clock clock) {
        this.github = github;
        this.clock = clock;
    }

    /** Whether the session may see the repository's environments. */
    public boolean canSee(Session session, RepositoryName repository) {
        if (!session.limitedToReadableRepositories()) {
            return true;
        }
        Instant now = clock.instant();
        String key = fingerprint(session.gitHubToken()) + " " + repository.key();
        Kept known = kept.get(key);
        if (known != null && now.isBefore(known.until())) {
            return known.readable();
        }
        try {
            boolean readable = github.canRead(session.gitHubToken(), repository);
            if (kept.size() >= MOST_KEPT) {
                kept.values().removeIf(entry -> !now.isBefore(entry.until()));
            }
            kept.put(key, new Kept(readable, now.plus(KEEP)));
            return readable;
        } catch (GitHubUsers.LoginFailed e) {
            LOG.warn("hiding {} from {} on the dashboard: {}", repository, session.who(), e.getMessage());
            return false;
        }
    }

    private static String fingerprint(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Kept(boolean readable, Instant until) {
    }
}
