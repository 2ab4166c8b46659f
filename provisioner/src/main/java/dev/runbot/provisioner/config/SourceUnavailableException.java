package dev.runbot.provisioner.config;

/**
 * A repository's files could not be read just now (the host is down or rate-limited). Work
 * that needs them waits and is tried again; it does not fail because of it.
 */
public class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
