package dev.runbot.bot.slack;

import java.util.Optional;
import java.util.Set;

/**
 * What runbot needs from Slack's Web API: post a message (to a channel or a thread), replace one
 * in place, and answer an interaction through its {@code response_url}. Every method may throw
 * {@link SlackException}; none waits longer than the client's timeout.
 */
public interface SlackHost {

    /**
     * Posts to a channel (an id, or a name such as {@code #previews}), or into the thread of
     * {@code threadTs}; returns where the new message is.
     */
    PostedMessage post(String channel, Optional<String> threadTs, SlackMessage message);

    /** Replaces a message; false when it no longer exists ({@code message_not_found}). */
    boolean update(String channel, String ts, SlackMessage message);

    /**
     * Answers through an interaction's {@code response_url}: only the person sees an ephemeral
     * answer; {@code replaceOriginal} replaces the message a button was on.
     */
    void respond(String responseUrl, SlackMessage message, boolean ephemeral, boolean replaceOriginal);

    /** The user ids in a user group ({@code S...}), for permissions granted to a group. */
    Set<String> userGroupMembers(String userGroupId);
}
