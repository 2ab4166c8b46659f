package dev.runbot.commands;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pull request as a person typed it: {@code owner/repo#N}, a pull request URL (github.com or
 * GitHub Enterprise), or {@code #N}, which leaves the repository to the channel.
 */
record TypedTarget(String typed, Optional<RepositoryName> repository, int number) {

    private static final Pattern NUMBER_ONLY = Pattern.compile("#([0-9]{1,10})");
    private static final Pattern SHORT = Pattern.compile("([^/#]+/[^/#]+)#([0-9]{1,10})");
    /** A host needs a dot unless a scheme says it is one, so {@code a/b/pull/1} is not read as a URL. */
    private static final Pattern URL = Pattern.compile(
            "(?:https?://[A-Za-z0-9.-]+|[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)(?::[0-9]{1,5})?"
                    + "/([^/?#]+/[^/?#]+)/pull/([0-9]{1,10})(?:[/?#].*)?",
            Pattern.CASE_INSENSITIVE);

    /** Whether a word is meant as a pull request (well-formed or not), rather than as an argument. */
    static boolean looksLikeOne(String token) {
        return token.indexOf('#') >= 0 || token.indexOf('/') >= 0;
    }

    /** Reads {@code token}; throws {@link Invalid} naming it when it is no pull request. */
    static TypedTarget parse(String token) {
        Matcher number = NUMBER_ONLY.matcher(token);
        if (number.matches()) {
            return new TypedTarget(token, Optional.empty(), number(token, number.group(1)));
        }
        Matcher full = SHORT.matcher(token);
        if (!full.matches()) {
            full = URL.matcher(token);
        }
        if (!full.matches()) {
            throw new Invalid(Messages.notAPullRequest(token));
        }
        RepositoryName repository = RepositoryName.parse(full.group(1))
                .orElseThrow(() -> new Invalid(Messages.notAPullRequest(token)));
        return new TypedTarget(token, Optional.of(repository), number(token, full.group(2)));
    }

    /** The pull request meant, taking the repository from {@code fallback} for {@code #N}. */
    Optional<PullRequestRef> in(Optional<RepositoryName> fallback) {
        return repository.or(() -> fallback).map(name -> new PullRequestRef(name, number));
    }

    private static int number(String token, String digits) {
        long number = Long.parseLong(digits);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new Invalid(Messages.notAPullRequest(token));
        }
        return (int) number;
    }
}
