package dev.runbot.bot.api;

import dev.runbot.provisioner.RunbotSettings;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
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
            token = readOrGenerate(settings.dataDir().resolve(FILE_NAME)).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Compares in constant time, so response timing says nothing about the token. */
    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String readOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (stored.length() >= MINIMUM_LENGTH) {
                    LOG.info("API token: read from \"{}\"", file.toAbsolutePath());
                    return stored;
                }
                throw new IllegalStateException("\"" + file.toAbsolutePath() + "\" holds no usable API token;"
                        + " delete it to have a new one generated");
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
            LOG.info("API token: generated into \"{}\" (readable by its owner only)", file.toAbsolutePath());
            return generated;
        } catch (FileAlreadyExistsException e) {
            return readOrGenerate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading or creating the API token file \"" + file.toAbsolutePath() + "\"", e);
        }
    }
}
