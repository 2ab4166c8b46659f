package dev.runbot.bot.slack.events;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * Checks Slack's {@code X-Slack-Signature}: {@code v0=} and the HMAC-SHA256 of
 * {@code v0:{timestamp}:{raw body}} under the signing secret, with a timestamp at most five minutes
 * from now, so a captured request cannot be replayed later. Nothing else is looked at before this says yes.
 */
public final class SlackRequestSignature {

    private final SlackSignature.Generator generator;
    private final Clock clock;

    public SlackRequestSignature(String signingSecret, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("a signing secret is required to check Slack's signatures");
        }
        this.generator = new SlackSignature.Generator(signingSecret);
        this.clock = clock;
    }

    /** Whether the request is Slack's, and recent; false for anything missing or malformed. */
    public boolean matches(String timestamp, String body, String signature) {
        if (timestamp == null || signature == null || !timestamp.chars().allMatch(Character::isDigit)
                || timestamp.isEmpty() || timestamp.length() > 12) {
            return false;
        }
        if (!SlackSignature.TimestampVerifier.isValidTimestamp(timestamp, clock.millis())) {
            return false;
        }
        // The SDK's own Verifier compares with String.equals; compare in constant time instead.
        String expected = generator.generate(timestamp, body == null ? "" : body);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }
}
