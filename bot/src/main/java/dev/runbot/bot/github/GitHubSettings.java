package dev.runbot.bot.github;

import dev.runbot.bot.dispatch.Permission;
import dev.runbot.commands.RepositoryName;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How runbot reaches GitHub and whom it serves there ({@code runbot.github.*}). GitHub is enabled
 * when a token or an App id is set.
 *
 * @param apiUrl          GitHub's or GitHub Enterprise's API base
 * @param token           token auth, the alternative to an App
 * @param appId           GitHub App id; needs {@code privateKey}
 * @param privateKey      the App's PEM key, as text or {@code file:/path}
 * @param webhookSecret   the {@code X-Hub-Signature-256} secret; required when GitHub is enabled
 * @param botLogin        the {@code @runbot} prefix; comments by this login are ignored
 * @param allowed         owners ({@code acme}) and repositories ({@code acme/shop}) runbot serves; empty means all
 * @param changePermission the least GitHub permission for verbs that change environments
 * @param readPermission  the least GitHub permission for status and list
 * @param configExampleUrl where the reply for a repository without {@code .preview.yaml} points
 */
@ConfigurationProperties("runbot.github")
public record GitHubSettings(
        @Bindable(defaultValue = "https://api.github.com") String apiUrl,
        @Nullable String token,
        @Nullable Long appId,
        @Nullable String privateKey,
        @Nullable String webhookSecret,
        @Bindable(defaultValue = "runbot") String botLogin,
        @Nullable List<String> allowed,
        @Bindable(defaultValue = "write") String changePermission,
        @Bindable(defaultValue = "read") String readPermission,
        @Nullable String configExampleUrl) {

    /** Where runbot reads each repository's configuration. */
    public static final String CONFIG_PATH = ".preview.yaml";

    public GitHubSettings {
        allowed = allowed == null ? List.of() : allowed.stream().map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                .filter(entry -> !entry.isEmpty()).toList();
    }

    /** Whether runbot talks to GitHub at all. */
    public boolean enabled() {
        return present(token) || appId != null;
    }

    /** Whether runbot serves this repository: empty allow-list, or its owner or full name is listed. */
    public boolean allows(RepositoryName repository) {
        return allowed.isEmpty() || allowed.contains(repository.key())
                || allowed.contains(repository.owner().toLowerCase(Locale.ROOT));
    }

    public GitHubRole changeRole() {
        return GitHubRole.of(changePermission);
    }

    public GitHubRole readRole() {
        return GitHubRole.of(readPermission);
    }

    /** What a person with {@code role} on a repository may do there, under these settings. */
    public Permission permission(GitHubRole role) {
        if (role.atLeast(changeRole())) {
            return Permission.WRITE;
        }
        return role.atLeast(readRole()) ? Permission.READ : Permission.NONE;
    }

    public Optional<String> exampleUrl() {
        return Optional.ofNullable(configExampleUrl).filter(GitHubSettings::present);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
