package dev.runbot.bot.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw
 * body under the webhook secret, compared in constant time. Nothing else about a webhook is
 * looked at before this says yes.
 */
public final class WebhookSignature {

    static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_LENGTH = 64;

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required to check signatures");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Whether {@code header} is the signature of exactly these bytes; false for anything malformed or missing. */
    public boolean matches(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + HEX_LENGTH) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(sign(body), presented);
    }

    /** {@code sha256=<hex>}, as GitHub sends it. */
    public String header(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(body));
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body == null ? new byte[0] : body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
