package dev.runbot.bot.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret runbot keeps in its data dir when none is configured (the API token, the dashboard's
 * session key): generated once from 32 random bytes, readable by its owner only, and never
 * logged, only where it is.
 */
public final class SecretFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

    private SecretFiles() {
    }

    /** The secret in {@code file}, made first if there is none; {@code what} names it in the log and errors. */
    public static String readOrGenerate(Path file, String what, int minimumLength) {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (stored.length() >= minimumLength) {
                    LOG.info("{}: read from \"{}\"", what, file.toAbsolutePath());
                    return stored;
                }
                throw new IllegalStateException("\"" + file.toAbsolutePath() + "\" holds no usable " + what
                        + "; delete it to have a new one generated");
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
            LOG.info("{}: generated into \"{}\" (readable by its owner only)", what, file.toAbsolutePath());
            return generated;
        } catch (FileAlreadyExistsException e) {
            return readOrGenerate(file, what, minimumLength);
        } catch (IOException e) {
            throw new UncheckedIOException("reading or creating the " + what + " file \"" + file.toAbsolutePath() + "\"",
                    e);
        }
    }
}
