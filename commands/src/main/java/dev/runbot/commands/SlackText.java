package dev.runbot.commands;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes what Slack does to slash command text before runbot sees it: links become
 * {@code <url>} or {@code <url|label>}, and {@code &}, {@code <}, {@code >} become entities.
 */
final class SlackText {

    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>\\s]*)(?:\\|([^>]*))?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt);");

    private SlackText() {
    }

    /** The text as the person typed it, as near as Slack lets us know. */
    static String plain(String text) {
        return unescape(LINK.matcher(text).replaceAll(link -> Matcher.quoteReplacement(typed(link))));
    }

    /**
     * A label is what was typed when Slack only added a scheme to it ({@code github.com/a/b/pull/1}
     * becomes {@code <http://github.com/a/b/pull/1|github.com/a/b/pull/1>}); any other label is
     * decoration, and the URL is what counts.
     */
    private static String typed(MatchResult link) {
        String url = link.group(1);
        String label = link.group(2);
        boolean schemeAdded = label != null && url.replaceFirst("(?i)^(https?://|mailto:)", "").equalsIgnoreCase(label);
        return schemeAdded ? label : url;
    }

    private static String unescape(String text) {
        return ENTITY.matcher(text).replaceAll(entity -> switch (entity.group(1)) {
            case "lt" -> "<";
            case "gt" -> ">";
            default -> "&";
        });
    }
}
