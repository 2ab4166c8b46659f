package dev.runbot.commands;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every sentence runbot answers bad input with, in one place, so parser, service and tests agree
 * on the exact words. Text a person typed is quoted and cut to a readable length.
 */
public final class Messages {

    /** Longest piece of user text quoted back in a message. */
    static final int QUOTE_LIMIT = 40;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Messages() {
    }

    public static String unknownVerb(String typed, Optional<Verb> suggestion) {
        String didYouMean = suggestion.map(verb -> " Did you mean \"" + verb.word() + "\"?").orElse("");
        return "Unknown command " + quote(typed) + "." + didYouMean + " Try /preview help.";
    }

    public static String notADuration(String typed) {
        return quote(typed) + " is not a duration. Use 90m, 12h, 2d or 1d12h.";
    }

    public static String durationTooShort(String typed) {
        return quote(typed) + " is too short. Durations start at " + Durations.format(Durations.MINIMUM) + ".";
    }

    public static String pinTooLong(Duration maximum) {
        return "A pin can last at most " + Durations.format(maximum) + ".";
    }

    public static String ttlTooLong(Duration maximum) {
        return "A TTL can last at most " + Durations.format(maximum) + ".";
    }

    public static String tooManyPinned(List<PullRequestRef> pinned) {
        return pinned.size() + " environments are already pinned: "
                + pinned.stream().map(PullRequestRef::toString).collect(Collectors.joining(", ")) + ".";
    }

    public static String noPermission(String login, RepositoryName repository, String needed, Verb verb) {
        return "@" + login + " needs " + needed + " access to " + repository + " to run \"" + verb.word() + "\".";
    }

    public static String noEnvironment(PullRequestRef pullRequest) {
        return "There is no preview environment for " + pullRequest + ". Use \"/preview up\" to create one.";
    }

    public static String whichPullRequest(Verb verb) {
        return "Which pull request? Use /preview " + verb.word() + " owner/repo#123.";
    }

    public static String overrideNotAllowed(RepositoryName repository, String key, List<String> allowed) {
        if (allowed.isEmpty()) {
            return repository + " allows no --set overrides. List the keys people may set under"
                    + " allowedOverrides in .preview.yaml.";
        }
        return quote(key) + " is not an allowed override in " + repository + ". Allowed: "
                + String.join(", ", allowed) + ".";
    }

    public static String nameTaken(String name, PullRequestRef holder, PullRequestRef wanted) {
        return "The name " + name + " is taken by the environment of " + holder + ". Set \"project\" in "
                + wanted.repository() + "'s .preview.yaml to give its environments another prefix.";
    }

    public static String alreadyBeingDestroyed(PullRequestRef pullRequest) {
        return pullRequest + " is already being destroyed.";
    }

    public static String notPinned(PullRequestRef pullRequest) {
        return pullRequest + " is not pinned; its TTL already applies.";
    }

    public static String atMaximumLifetime(PullRequestRef pullRequest, Instant expiresAt, Duration maximum) {
        return pullRequest + " already expires at " + time(expiresAt) + ", " + Durations.format(maximum)
                + " after its last deploy, the longest an environment may live. Use \"/preview pin\" to keep it"
                + " longer.";
    }

    public static String extensionCut(Duration maximum) {
        return "Extended as far as allowed: an environment lives at most " + Durations.format(maximum)
                + " after its last deploy.";
    }

    /** A moment as people read it in replies: {@code 2026-11-25 14:00 UTC}. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static String notAPullRequest(String typed) {
        return quote(typed) + " is not a pull request. Use owner/repo#123, #123 or a pull request URL.";
    }

    public static String notARepository(String typed) {
        return quote(typed) + " is not a repository. Use /preview list owner/repo.";
    }

    public static String targetInComment(String typed, PullRequestRef pullRequest) {
        return "A comment acts on the pull request it is on, " + pullRequest + ". Leave " + quote(typed) + " out.";
    }

    public static String conflictingTargets(String typed, PullRequestRef given) {
        return "The text names " + quote(typed) + " but the request is for " + given + ". Name the pull request once.";
    }

    public static String twoTargets(String first, String second) {
        return "A command acts on one pull request, not on both " + quote(first) + " and " + quote(second) + ".";
    }

    public static String unknownOption(String typed, Verb verb) {
        return quote(typed) + " is not an option of \"" + verb.word() + "\"." + whatWorks(verb);
    }

    public static String extraArgument(Verb verb, String typed) {
        return "\"" + verb.word() + "\" takes " + arguments(verb) + "; " + quote(typed) + " is extra." + whatWorks(verb);
    }

    public static String ttlNeedsDuration(String typedOption) {
        return quote(typedOption) + " needs a duration, e.g. --ttl 12h.";
    }

    public static String setNeedsPair(String typedOption) {
        return quote(typedOption) + " needs key=value, e.g. --set image.tag=canary.";
    }

    public static String notAnOverride(String typed) {
        return quote(typed) + " is not key=value. Use --set key=value, e.g. --set image.tag=canary.";
    }

    public static String badOverrideKey(String typed) {
        return quote(typed) + " cannot be a key. Use up to 100 letters, digits, _, . or -, starting with a letter, digit or _.";
    }

    public static String overrideValueTooLong(String key, int length, int maximum) {
        return "The value of " + quote(key) + " is " + length + " characters long; a --set value may have at most "
                + maximum + ".";
    }

    public static String controlCharacter(String key) {
        return "The value of " + quote(key) + " contains a control character. Values are plain text.";
    }

    /**
     * Quotes text a person typed, cut to {@link #QUOTE_LIMIT} characters. Control characters and
     * bidirectional overrides show as U+FFFD, so a quote can neither break a line nor turn the rest
     * of the sentence around.
     */
    public static String quote(String typed) {
        int cut = typed.offsetByCodePoints(0, Math.min(typed.codePointCount(0, typed.length()), QUOTE_LIMIT));
        StringBuilder quoted = new StringBuilder("\"");
        typed.substring(0, cut).codePoints().forEach(c -> quoted.appendCodePoint(readable(c) ? c : '\uFFFD'));
        return quoted.append(cut < typed.length() ? "…" : "").append('"').toString();
    }

    private static boolean readable(int codePoint) {
        boolean bidiControl = (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
        return !Character.isISOControl(codePoint) && !bidiControl;
    }

    /**
     * A reason to store and show (a failed deploy, a refused delivery): {@code no reason given} when
     * blank, otherwise at most {@code limit} characters, ending in "…" when cut, never half a
     * surrogate pair.
     */
    public static String reason(String text, int limit) {
        String reason = text == null || text.isBlank() ? "no reason given" : text;
        if (reason.length() <= limit) {
            return reason;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--;
        }
        return reason.substring(0, end) + "…";
    }

    /** What a verb accepts besides the pull request, as the middle of a sentence. */
    private static String arguments(Verb verb) {
        return switch (verb) {
            case UP -> "only options";
            case PIN, EXTEND -> "at most one duration";
            case LIST -> "at most one repository";
            case HELP -> "at most one command";
            case DOWN, UNPIN, STATUS -> "no arguments";
        };
    }

    /** A sentence showing what would work for a verb, with a leading space; empty when the verb takes nothing. */
    private static String whatWorks(Verb verb) {
        return switch (verb) {
            case UP -> " Use --ttl DURATION or --set key=value.";
            case PIN -> " Use /preview pin or /preview pin 12h.";
            case EXTEND -> " Use /preview extend or /preview extend 1d.";
            case LIST -> " Use /preview list or /preview list owner/repo.";
            case HELP -> " Use /preview help or /preview help up.";
            case DOWN, UNPIN, STATUS -> "";
        };
    }
}
