package dev.runbot.commands;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns text from any channel into a {@link ParseResult}. Pure: no I/O, no framework, never
 * throws for user input. Knows nothing of configured limits; the lifecycle rules check those.
 */
public final class CommandParser {

    /** The word every command starts with, and the Slack slash command's name. */
    static final String PREVIEW = "/preview";

    private final CommentScanner comments;

    /**
     * @param botLogin the bot's login, so {@code @<botLogin> up} works in PR comments; a GitHub App's
     *                 {@code name[bot]} login is mentioned as {@code @name}; blank means {@code /preview} only
     */
    public CommandParser(String botLogin) {
        String mention = botLogin == null ? "" : botLogin.strip().replaceFirst("^@", "").replaceFirst("(?i)\\[bot]$", "");
        this.comments = new CommentScanner(mention.isEmpty() ? List.of(PREVIEW) : List.of(PREVIEW, "@" + mention));
    }

    /** A pull request comment: the first command line (outside code fences) acts on {@code pullRequest}. */
    public ParseResult parseComment(String body, PullRequestRef pullRequest) {
        Objects.requireNonNull(pullRequest, "pullRequest");
        return comments.firstCommand(Objects.toString(body, ""))
                .map(command -> parse(command, TargetRule.comment(pullRequest)))
                .orElseGet(ParseResult.Ignored::new);
    }

    /** The line of a comment that {@link #parseComment} acts on, as typed; empty when the comment has none. */
    public Optional<String> commandLine(String body) {
        return comments.firstCommandLine(Objects.toString(body, ""));
    }

    /** The text of a Slack {@code /preview} slash command (without the {@code /preview} itself). */
    public ParseResult parseSlash(String text, Optional<RepositoryName> channelRepository) {
        Objects.requireNonNull(channelRepository, "channelRepository");
        return parse(withoutPrefix(SlackText.plain(Objects.toString(text, ""))), TargetRule.channel(channelRepository));
    }

    /** REST: text with or without a leading {@code /preview}; {@code target} is the pull request given beside it. */
    public ParseResult parseText(String text, Optional<PullRequestRef> target) {
        Objects.requireNonNull(target, "target");
        return parse(withoutPrefix(Objects.toString(text, "")), TargetRule.given(target));
    }

    /** Drops a leading {@code /preview}, which REST callers may send and Slack users sometimes repeat. */
    private static String withoutPrefix(String command) {
        String stripped = Tokens.strip(command);
        return Tokens.startsWithWord(stripped, PREVIEW) ? stripped.substring(PREVIEW.length()) : stripped;
    }

    private static ParseResult parse(String command, TargetRule targets) {
        try {
            return new ParseResult.Parsed(CommandReader.read(Tokens.split(command), targets));
        } catch (Invalid invalid) {
            return invalid.answer();
        }
    }
}
