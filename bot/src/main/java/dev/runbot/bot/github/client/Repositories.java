package dev.runbot.bot.github.client;

import dev.runbot.commands.RepositoryName;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.kohsuke.github.GHRepository;

/**
 * kohsuke's handle on a repository ({@code GET /repos/{o}/{r}}), kept a few minutes: every
 * repository call of kohsuke starts from one, and runbot makes several in a row for the same repository.
 */
final class Repositories {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Credentials credentials;
    private final ExpiringCache<String, GHRepository> cache;

    Repositories(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.cache = new ExpiringCache<>(LIFETIME, clock);
    }

    GHRepository get(RepositoryName repository) throws IOException {
        return cache.get(repository.key(), () -> credentials.client(repository).getRepository(repository.toString()));
    }
}
