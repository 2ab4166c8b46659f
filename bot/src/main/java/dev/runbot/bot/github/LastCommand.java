package dev.runbot.bot.github;

import dev.runbot.commands.Reply;
import java.time.Instant;

/**
 * The latest command on a pull request and runbot's answer, so the status comment can say what
 * happened last without a comment per command.
 *
 * @param text  the command line as it was typed, e.g. {@code /preview pin 72h}
 * @param by    the GitHub login of who typed it
 * @param at    when it was typed
 * @param reply runbot's answer
 */
public record LastCommand(String text, String by, Instant at, Reply reply) {
}
