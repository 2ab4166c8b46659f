package dev.runbot.bot.github.client;

import dev.runbot.commands.RepositoryName;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHApp;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GitHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates as a GitHub App: a JWT to find the repository's installation ({@code GET
 * /repos/{o}/{r}/installation}, remembered an hour) and to get that installation's access token,
 * which then authenticates every call about the repository. runbot is {@code <slug>[bot]}.
 */
final class AppCredentials implements Credentials {

    static final Duration INSTALLATION_LIFETIME = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(AppCredentials.class);

    private final GitHub asApp;
    private final GitHubClients clients;
    private final InstallationTokens tokens;
    private final ExpiringCache<String, GHAppInstallation> installationOf;
    private final Map<Long, GHAppInstallation> installations = new ConcurrentHashMap<>();
    private final Map<Long, GitHub> asInstallation = new ConcurrentHashMap<>();
    private volatile GHApp app;

    AppCredentials(AppJwt jwt, GitHubClients clients, Clock clock) {
        this.asApp = clients.build(() -> "Bearer " + jwt.create());
        this.clients = clients;
        this.tokens = new InstallationTokens(this::issue, clock);
        this.installationOf = new ExpiringCache<>(INSTALLATION_LIFETIME, clock);
    }

    @Override
    public GitHub client(RepositoryName repository) throws IOException {
        long installation = installation(repository).getId();
        return asInstallation.computeIfAbsent(installation,
                id -> clients.build(() -> "token " + tokens.token(id)));
    }

    @Override
    public String authorization(RepositoryName repository) throws IOException {
        return "token " + tokens.token(installation(repository).getId());
    }

    /** {@code GET /app}, once: the app's slug names its bot account. */
    @Override
    public String ownLogin() throws IOException {
        return app().getSlug() + "[bot]";
    }

    private GHAppInstallation installation(RepositoryName repository) throws IOException {
        return installationOf.get(repository.key(), () -> {
            LOG.debug("looking up the installation of GitHub App for {}", repository);
            GHAppInstallation installation = app().getInstallationByRepository(repository.owner(), repository.name());
            installations.put(installation.getId(), installation);
            return installation;
        });
    }

    private InstallationTokens.Token issue(long installationId) throws IOException {
        GHAppInstallation installation = installations.get(installationId);
        if (installation == null) {
            throw new IllegalStateException("installation " + installationId + " was never looked up");
        }
        GHAppInstallationToken token = installation.createToken().create();
        return new InstallationTokens.Token(token.getToken(), token.getExpiresAt().toInstant());
    }

    private GHApp app() throws IOException {
        GHApp known = app;
        if (known == null) {
            known = asApp.getApp();
            app = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "AppCredentials";
    }
}
