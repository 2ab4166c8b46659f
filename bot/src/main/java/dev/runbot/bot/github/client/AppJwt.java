package dev.runbot.bot.github.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * The RS256 JSON Web Token a GitHub App signs to speak as itself (to find installations and get
 * their tokens): issued a minute in the past against clock drift, expiring well inside GitHub's
 * ten-minute limit. {@link #toString()} shows only the app id.
 */
final class AppJwt {

    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");

    private final long appId;
    private final PrivateKey key;
    private final Clock clock;

    AppJwt(long appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    /** A freshly signed token; signing takes about a millisecond, and GitHub needs one only now and then. */
    String create() {
        long now = clock.instant().getEpochSecond();
        String claims = "{\"iat\":%d,\"exp\":%d,\"iss\":\"%d\"}"
                .formatted(now - BACKDATE.toSeconds(), now + LIFETIME.toSeconds(), appId);
        String signed = HEADER + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a JWT for GitHub App " + appId + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AppJwt[app=" + appId + "]";
    }
}
