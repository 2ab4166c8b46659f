package dev.runbot.bot.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How runbot reaches Slack and whom it serves there ({@code runbot.slack.*}). Slack is enabled
 * when a bot token is set.
 *
 * @param botToken           {@code xoxb-...}
 * @param signingSecret      verifies Slack's requests; required when Slack is enabled
 * @param apiUrl             the Web API base, e.g. {@code https://slack.com/api/}
 * @param appToken           {@code xapp-...}: Socket Mode instead of the public endpoint
 * @param defaultChannel     the channel of environments whose repository names none
 * @param channelRepositories channel id → {@code owner/repo}: {@code #42} in that channel means that repository
 * @param users              Slack user id → GitHub login, to record who asked and check permissions
 * @param githubPermissions  whether a Slack user's GitHub permission on the repository is checked,
 *                           as on GitHub; users without a known login may then only read
 * @param allowedChannels    verb → channel ids where it may be used; a verb not listed may be used anywhere
 * @param allowedUsers       verb → user ids and user group ids ({@code S...}) who may use it; not listed: everyone
 */
@ConfigurationProperties("runbot.slack")
public record SlackSettings(
        @Nullable String botToken,
        @Nullable String signingSecret,
        @Bindable(defaultValue = "https://slack.com/api/") String apiUrl,
        @Nullable String appToken,
        @Nullable String defaultChannel,
        @Nullable Map<String, String> channelRepositories,
        @Nullable Map<String, String> users,
        @Bindable(defaultValue = "false") boolean githubPermissions,
        @Nullable Map<String, List<String>> allowedChannels,
        @Nullable Map<String, List<String>> allowedUsers) {

    public SlackSettings {
        // Slack ids are upper case; configuration keys may arrive lower-cased (environment variables).
        channelRepositories = byId(channelRepositories);
        users = byId(users);
        allowedChannels = allowedChannels == null ? Map.of() : Map.copyOf(allowedChannels);
        allowedUsers = allowedUsers == null ? Map.of() : Map.copyOf(allowedUsers);
    }

    /** Whether runbot talks to Slack at all. */
    public boolean enabled() {
        return present(botToken);
    }

    /** Whether Slack's requests arrive over Socket Mode rather than at {@code /slack/events}. */
    public boolean socketMode() {
        return present(appToken);
    }

    public Optional<String> defaultChannelId() {
        return Optional.ofNullable(defaultChannel).filter(SlackSettings::present);
    }

    private static Map<String, String> byId(Map<String, String> map) {
        Map<String, String> byId = new HashMap<>();
        if (map != null) {
            map.forEach((id, value) -> byId.put(id.toUpperCase(Locale.ROOT), value));
        }
        return Map.copyOf(byId);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
