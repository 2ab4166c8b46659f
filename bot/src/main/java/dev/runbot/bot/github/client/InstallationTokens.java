package dev.runbot.bot.github.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one installation access token per GitHub App installation and asks for a new one at least
 * {@link #RENEW_BEFORE} before the old one expires (GitHub's live an hour), so no call ever goes out
 * with a token about to lapse.
 */
final class InstallationTokens {

    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(InstallationTokens.class);

    /** Asks GitHub for a new token for an installation. */
    @FunctionalInterface
    interface Issuer {
        Token issue(long installationId) throws IOException;
    }

    /** An installation token and when GitHub lets it expire; {@link #toString()} leaves the secret out. */
    record Token(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }

    private final Map<Long, Token> tokens = new ConcurrentHashMap<>();
    private final Issuer issuer;
    private final Clock clock;

    InstallationTokens(Issuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A token for the installation valid for at least another {@link #RENEW_BEFORE}. */
    String token(long installationId) throws IOException {
        Token current = tokens.get(installationId);
        if (fresh(current)) {
            return current.value();
        }
        synchronized (this) {
            current = tokens.get(installationId);
            if (fresh(current)) {
                return current.value();
            }
            LOG.info("requesting an access token for installation {}", installationId);
            Token issued = issuer.issue(installationId);
            tokens.put(installationId, issued);
            LOG.debug("installation {} has a new access token, expiring at {}", installationId, issued.expiresAt());
            return issued.value();
        }
    }

    private boolean fresh(Token token) {
        return token != null && clock.instant().isBefore(token.expiresAt().minus(RENEW_BEFORE));
    }
}
