package dev.runbot.bot.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The GitHub OAuth app (or GitHub App's user authorization) people log in to the dashboard with,
 * under micronaut-security's names ({@code micronaut.security.oauth2.clients.github.*}). Set
 * {@code client-id} and {@code client-secret} to turn "Log in with GitHub" on; the authorize and
 * token URLs default to the web host of {@code runbot.github.api-url}.
 */
@Singleton
public class GitHubOAuthSettings {

    static final String PREFIX = "micronaut.security.oauth2.clients.github.";

    private final String clientId;
    private final String clientSecret;
    private final String authorizeUrl;
    private final String tokenUrl;
    private final List<String> scopes;

    GitHubOAuthSettings(@Property(name = PREFIX + "client-id") @Nullable String clientId,
                        @Property(name = PREFIX + "client-secret") @Nullable String clientSecret,
                        @Property(name = PREFIX + "authorization.url") @Nullable String authorizeUrl,
                        @Property(name = PREFIX + "token.url") @Nullable String tokenUrl,
                        @Property(name = PREFIX + "scopes") @Nullable List<String> scopes,
                        GitHubWebUrls github) {
        boolean id = present(clientId);
        boolean secret = present(clientSecret);
        if (id != secret) {
            throw new IllegalStateException((id ? PREFIX + "client-secret" : PREFIX + "client-id") + " is not set but "
                    + (id ? PREFIX + "client-id" : PREFIX + "client-secret") + " is; set both to log in to the"
                    + " dashboard with GitHub, or neither to log in with the API token");
        }
        this.clientId = id ? clientId.strip() : null;
        this.clientSecret = secret ? clientSecret.strip() : null;
        this.authorizeUrl = present(authorizeUrl) ? authorizeUrl.strip() : github.authorize();
        this.tokenUrl = present(tokenUrl) ? tokenUrl.strip() : github.accessToken();
        this.scopes = scopes == null ? List.of() : scopes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether people log in with GitHub rather than with the API token. */
    public boolean enabled() {
        return clientId != null;
    }

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    String clientSecret() {
        return clientSecret;
    }

    public String authorizeUrl() {
        return authorizeUrl;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    /** OAuth scopes to ask for; a GitHub App's user token needs none, an OAuth app needs {@code repo} for private repositories. */
    public List<String> scopes() {
        return scopes;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
