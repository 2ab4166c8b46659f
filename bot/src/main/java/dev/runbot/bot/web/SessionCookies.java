package dev.runbot.bot.web;

import dev.runbot.bot.api.SecretFiles;
import dev.runbot.provisioner.RunbotSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals sessions into cookies and opens them again: AES-GCM with a key from
 * {@code runbot.dashboard.session-secret} or generated once into {@code <data-dir>/session-secret},
 * so a cookie can be neither read (it may hold a GitHub token) nor forged, and nothing about
 * sessions is kept on the server. The secret itself is never logged.
 */
@Context
public class SessionCookies {

    /** The session cookie's name. */
    public static final String NAME = "runbot_session";
    static final String FILE_NAME = "session-secret";

    private static final Logger LOG = LoggerFactory.getLogger(SessionCookies.class);
    private static final int MINIMUM_LENGTH = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String VERSION = "1";

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SessionCookies(DashboardSettings dashboard, RunbotSettings settings, Clock clock) {
        String configured = dashboard.sessionSecret();
        String secret;
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MINIMUM_LENGTH) {
                throw new IllegalStateException("runbot.dashboard.session-secret is shorter than " + MINIMUM_LENGTH
                        + " characters; use a long random string or leave it unset to have one generated");
            }
            secret = configured;
            LOG.info("dashboard session secret: from runbot.dashboard.session-secret");
        } else {
            secret = SecretFiles.readOrGenerate(settings.dataDir().resolve(FILE_NAME), "dashboard session secret",
                    MINIMUM_LENGTH);
        }
        this.key = new SecretKeySpec(sha256("runbot dashboard session\n" + secret), "AES");
        this.ttl = dashboard.sessionTtl();
        this.clock = clock;
    }

    /** A new session for {@code who}, lasting {@code runbot.dashboard.session-ttl}. */
    public Session start(String who, @Nullable String gitHubToken) {
        return new Session(who, gitHubToken, clock.instant().plus(ttl));
    }

    /** The session the request's cookie holds, if it is one runbot sealed and it has not ended. */
    public Optional<Session> open(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).flatMap(cookie -> open(cookie.getValue()));
    }

    Optional<Session> open(String sealed) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed);
            if (bytes.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            String[] fields = new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.UTF_8).split("\n", -1);
            if (fields.length != 4 || !VERSION.equals(fields[0])) {
                return Optional.empty();
            }
            Session session = new Session(fields[2], fields[3].isEmpty() ? null : fields[3],
                    Instant.ofEpochSecond(Long.parseLong(fields[1])));
            return session.expiresAt().isAfter(clock.instant()) ? Optional.of(session) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The cookie that carries the session: HttpOnly, SameSite=Lax, Secure when the page came over https. */
    public Cookie cookie(Session session, HttpRequest<?> request) {
        String plain = String.join("\n", VERSION, Long.toString(session.expiresAt().getEpochSecond()),
                session.who(), session.gitHubToken() == null ? "" : session.gitHubToken());
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] value = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, value, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, value, NONCE_BYTES, sealed.length);
            Duration left = Duration.between(clock.instant(), session.expiresAt());
            return protect(Cookie.of(NAME, Base64.getUrlEncoder().withoutPadding().encodeToString(value)), request)
                    .maxAge(left);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a dashboard session failed", e);
        }
    }

    /** The cookie that ends the session in the browser. */
    public Cookie cleared(HttpRequest<?> request) {
        return protect(Cookie.of(NAME, ""), request).maxAge(0);
    }

    /** HttpOnly, SameSite=Lax (GitHub's redirect back is a top-level navigation), Secure over https. */
    static Cookie protect(Cookie cookie, HttpRequest<?> request) {
        return cookie.path("/").httpOnly(true).sameSite(SameSite.Lax).secure(overHttps(request));
    }

    /** Served over https, directly or behind an ingress that says so in {@code X-Forwarded-Proto}. */
    static boolean overHttps(HttpRequest<?> request) {
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        return request.isSecure() || (forwarded != null && forwarded.strip().regionMatches(true, 0, "https", 0, 5))
                || "https".equalsIgnoreCase(request.getUri().getScheme());
    }

    /** The address of this server as the browser sees it, for OAuth's {@code redirect_uri}. */
    static String origin(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        return (overHttps(request) ? "https" : "http") + "://" + host;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
