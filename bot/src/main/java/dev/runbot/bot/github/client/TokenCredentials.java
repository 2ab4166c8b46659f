package dev.runbot.bot.github.client;

import dev.runbot.commands.RepositoryName;
import java.io.IOException;
import org.kohsuke.github.GitHub;

/** Authenticates every call with one token (a personal or machine account's); runbot is that account. */
final class TokenCredentials implements Credentials {

    private final String authorization;
    private final GitHub client;
    private volatile String ownLogin;

    TokenCredentials(String token, GitHubClients clients) {
        this.authorization = "token " + token.strip();
        this.client = clients.build(() -> authorization);
    }

    @Override
    public GitHub client(RepositoryName repository) {
        return client;
    }

    @Override
    public String authorization(RepositoryName repository) {
        return authorization;
    }

    /** {@code GET /user}, once. */
    @Override
    public String ownLogin() throws IOException {
        String login = ownLogin;
        if (login == null) {
            login = client.getMyself().getLogin();
            ownLogin = login;
        }
        return login;
    }

    @Override
    public String toString() {
        return "TokenCredentials";
    }
}
