package dev.runbot.commands;

import java.util.List;
import java.util.Optional;

/**
 * Finds the command line in a pull request comment: the first line that starts with a command
 * prefix, outside fenced code blocks, so documenting a command never runs it. A quoted line
 * ({@code > /preview up}) starts with {@code >}, never with a prefix, so quoting never runs one either.
 */
final class CommentScanner {

    private static final int MIN_FENCE = 3;

    private final List<String> prefixes;

    /** @param prefixes the words a command line starts with, e.g. {@code /preview} and {@code @runbot} */
    CommentScanner(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** The text after the prefix of the first command line; empty when the comment has none. */
    Optional<String> firstCommand(String body) {
        return firstCommandLine(body).flatMap(this::afterPrefix);
    }

    /** The first command line, prefix included, as typed (without surrounding blanks). */
    Optional<String> firstCommandLine(String body) {
        Fence open = null;
        for (String line : body.split("\\R", -1)) {
            String trimmed = Tokens.strip(line);
            if (open != null) {
                open = open.closedBy(trimmed) ? null : open;
                continue;
            }
            open = Fence.opening(trimmed).orElse(null);
            if (open == null && afterPrefix(trimmed).isPresent()) {
                return Optional.of(trimmed);
            }
        }
        return Optional.empty();
    }

    /** The text after a command prefix when {@code line} starts with one followed by a space or the end. */
    private Optional<String> afterPrefix(String line) {
        return prefixes.stream()
                .filter(prefix -> Tokens.startsWithWord(line, prefix))
                .findFirst()
                .map(prefix -> line.substring(prefix.length()));
    }

    /** A Markdown code fence: three or more backticks or tildes; it ends at a line of at least as many. */
    private record Fence(char mark, int length) {

        static Optional<Fence> opening(String line) {
            if (line.isEmpty() || (line.charAt(0) != '`' && line.charAt(0) != '~')) {
                return Optional.empty();
            }
            int length = run(line, line.charAt(0));
            return length >= MIN_FENCE ? Optional.of(new Fence(line.charAt(0), length)) : Optional.empty();
        }

        boolean closedBy(String line) {
            return !line.isEmpty() && run(line, mark) == line.length() && line.length() >= length;
        }

        private static int run(String line, char mark) {
            int length = 0;
            while (length < line.length() && line.charAt(length) == mark) {
                length++;
            }
            return length;
        }
    }
}
