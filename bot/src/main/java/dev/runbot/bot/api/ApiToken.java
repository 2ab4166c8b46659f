package dev.runbot.bot.api;

import dev.runbot.provisioner.RunbotSettings;
import io.micronaut.context.annotation.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token that guards {@code /api/**}: the configured one, or one generated at first
 * start into {@code <data-dir>/api-token}, readable by its owner only. The token itself is never
 * logged; only where it is. Created at start, so the file exists before the first request.
 */
@Context
public class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    static final String FILE_NAME = "api-token";
    private static final int MINIMUM_LENGTH = 16;

    private final byte[] token;

    ApiToken(ApiSettings api, RunbotSettings settings) {
        String configured = api.token();
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MINIMUM_LENGTH) {
                throw new IllegalStateException("runbot.api.token is shorter than " + MINIMUM_LENGTH
                        + " characters; use a long random token or leave it unset to have one generated");
            }
            token = configured.getBytes(StandardCharsets.UTF_8);
            LOG.info("API token: from runbot.api.token");
        } else {
            token = SecretFiles.readOrGenerate(settings.dataDir().resolve(FILE_NAME), "API token", MINIMUM_LENGTH)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Compares in constant time, so response timing says nothing about the token. */
    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
