package dev.runbot.bot.slack.work;

import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackHost;
import dev.runbot.bot.slack.SlackSettings;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Who may run which verb from Slack, and where: {@code runbot.slack.allowed-channels.<verb>} and
 * {@code runbot.slack.allowed-users.<verb>} (user ids, or user group ids whose members are asked of
 * Slack). The key {@code all} applies to every verb without a list of its own; without either,
 * everyone may, everywhere.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public class SlackAccess {

    static final String ALL = "all";

    private final SlackSettings settings;
    private final SlackHost slack;

    SlackAccess(SlackSettings settings, SlackHost slack) {
        this.settings = settings;
        this.slack = slack;
    }

    /** Why {@code userId} may not run {@code verb} in {@code channelId}; empty when they may. */
    public Optional<Reply> refusal(Verb verb, String userId, String channelId) {
        Optional<List<String>> channels = rule(settings.allowedChannels().get(verb.word()),
                settings.allowedChannels().get(ALL));
        if (channels.isPresent() && !channels.get().contains(channelId)) {
            return Optional.of(Reply.message(Reply.Outcome.FORBIDDEN, "\"" + verb.word() + "\" cannot be used in this"
                    + " channel.", "It may be used in the channels " + String.join(", ", channels.get()) + "."));
        }
        Optional<List<String>> users = rule(settings.allowedUsers().get(verb.word()), settings.allowedUsers().get(ALL));
        if (users.isPresent() && !allowed(users.get(), userId)) {
            return Optional.of(Reply.message(Reply.Outcome.FORBIDDEN, "You may not run \"" + verb.word()
                    + "\" from Slack.", "Ask the people who run runbot to add you to runbot.slack.allowed-users."
                    + verb.word() + "."));
        }
        return Optional.empty();
    }

    private boolean allowed(List<String> entries, String userId) {
        if (entries.contains(userId)) {
            return true;
        }
        return entries.stream().filter(entry -> entry.startsWith("S"))
                .anyMatch(group -> slack.userGroupMembers(group).contains(userId));
    }

    private static Optional<List<String>> rule(List<String> forVerb, List<String> forAll) {
        return Optional.ofNullable(forVerb != null ? forVerb : forAll);
    }
}
