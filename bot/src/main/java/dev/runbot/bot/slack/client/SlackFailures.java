package dev.runbot.bot.slack.client;

import dev.runbot.bot.slack.SlackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns whatever went wrong talking to Slack into one {@link SlackException}: rate limits, outages
 * and calls without an answer are retryable (after Slack's {@code Retry-After} when it gave one);
 * every other refusal is final and says what was being done, Slack's error code and what to do.
 * No message holds the bot token.
 */
final class SlackFailures {

    /** The error of a call that got no answer (timeout, refused or reset connection). */
    static final String NO_ANSWER = "no_answer";
    /** The error of an answer that was no JSON Slack would send. */
    static final String UNREADABLE = "unreadable_answer";
    /** The error of a response_url runbot will not call. */
    static final String INVALID_URL = "invalid_url";

    private static final String RATE_LIMITED = "ratelimited";
    private static final Set<String> RETRYABLE = Set.of(RATE_LIMITED, "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    private static final String REINSTALL = "the bot token no longer works: reinstall the runbot app and update "
            + "runbot.slack.bot-token";
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("not_in_channel", "invite the runbot app to the channel"),
            Map.entry("channel_not_found", "check the channel id, and invite the runbot app if the channel is private"),
            Map.entry("is_archived", "the channel is archived"),
            Map.entry("restricted_action", "the workspace does not let the runbot app post there"),
            Map.entry("invalid_auth", "check runbot.slack.bot-token"),
            Map.entry("not_authed", "check runbot.slack.bot-token"),
            Map.entry("account_inactive", REINSTALL),
            Map.entry("token_revoked", REINSTALL),
            Map.entry("token_expired", REINSTALL),
            Map.entry("msg_too_long", "the message text is too long"),
            Map.entry("no_text", "the message has no text"),
            Map.entry("invalid_blocks", "Slack refused the message's blocks"),
            Map.entry("invalid_blocks_format", "Slack refused the message's blocks"),
            Map.entry("cant_update_message", "runbot can only update its own messages"),
            Map.entry("edit_window_closed", "the message is too old to be edited"),
            Map.entry("expired_url", "Slack takes answers to an interaction for 30 minutes"),
            Map.entry("used_url", "Slack takes at most five answers to an interaction"));

    private final String token;

    /** @param token the bot token, cut out of any message that might quote it */
    SlackFailures(String token) {
        this.token = token;
    }

    /** Slack answered with an HTTP error or {@code ok: false}. */
    SlackException refused(String doing, SlackAnswer answer, Throwable cause) {
        boolean limited = answer.status() == 429 || answer.error().filter(RATE_LIMITED::equals).isPresent();
        boolean retryable = limited || answer.status() >= 500 || answer.error().filter(RETRYABLE::contains).isPresent();
        Optional<Duration> wait = limited ? answer.retryAfter().flatMap(SlackFailures::seconds) : Optional.empty();
        List<String> notes = new ArrayList<>();
        answer.error().map(HINTS::get).ifPresent(notes::add);
        if (answer.error().filter("missing_scope"::equals).isPresent()) {
            notes.add(answer.needed().map(scope -> "the runbot app needs the \"" + scope + "\" scope; add it and reinstall")
                    .orElse("the runbot app lacks a scope; add it and reinstall"));
        }
        notes.addAll(answer.details());
        if (answer.status() != 200 && answer.error().isPresent()) {
            notes.add("HTTP " + answer.status());
        }
        wait.ifPresent(seconds -> notes.add("Slack asks to wait " + seconds.toSeconds() + "s"));
        String said = answer.error().orElse("HTTP " + answer.status() + " from Slack");
        String message = doing + ": " + said + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
        return new SlackException(safe(message), answer.error().orElse(String.valueOf(answer.status())), retryable,
                wait, cause);
    }

    /** The call got no answer in time, or none at all: retryable. */
    SlackException unanswered(String doing, Exception thrown) {
        String message = doing + ": no answer from Slack (" + thrown.getClass().getSimpleName()
                + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()) + ")";
        return new SlackException(safe(message), NO_ANSWER, true, Optional.empty(), thrown);
    }

    /** Slack's answer could not be read; final, for the call may have done its work. */
    SlackException unreadable(String doing, Exception thrown) {
        return new SlackException(safe(doing + ": Slack's answer could not be read"), UNREADABLE, false,
                Optional.empty(), thrown);
    }

    /** runbot refuses the call itself, before sending anything. */
    static SlackException invalid(String message) {
        return new SlackException(message, INVALID_URL, false, Optional.empty(), null);
    }

    private String safe(String message) {
        return token == null || token.isEmpty() ? message : message.replace(token, "[bot token]");
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip()))));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }
}
