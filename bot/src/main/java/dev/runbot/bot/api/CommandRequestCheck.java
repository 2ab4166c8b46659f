package dev.runbot.bot.api;

import dev.runbot.commands.Messages;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import io.micronaut.http.HttpStatus;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a command request's fields before anything runs; each problem is named with what would work. */
final class CommandRequestCheck {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
    private static final Pattern REQUESTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private CommandRequestCheck() {
    }

    /** A problem with the request: the status and the message to answer with. */
    record Problem(HttpStatus status, String message) {
    }

    static Optional<Problem> problem(CommandRequest request) {
        if (request.text() == null || request.text().isBlank()) {
            return Optional.of(new Problem(HttpStatus.BAD_REQUEST,
                    "\"text\" is required: the command to run, e.g. \"/preview up\"."));
        }
        if (request.repository() != null && RepositoryName.parse(request.repository()).isEmpty()) {
            return Optional.of(new Problem(HttpStatus.UNPROCESSABLE_ENTITY, Messages.quote(request.repository())
                    + " is not a repository. Use owner/name, e.g. acme/shop."));
        }
        if ((request.repository() == null) != (request.pullRequest() == null)) {
            return Optional.of(new Problem(HttpStatus.BAD_REQUEST, "\"repository\" and \"pullRequest\" go together:"
                    + " send both, e.g. {\"repository\": \"acme/shop\", \"pullRequest\": 42}, or neither."));
        }
        if (request.pullRequest() != null && request.pullRequest() < 1) {
            return Optional.of(new Problem(HttpStatus.UNPROCESSABLE_ENTITY,
                    "\"pullRequest\" must be a pull request number (1 or more), not " + request.pullRequest() + "."));
        }
        if (request.headSha() != null && !SHA.matcher(request.headSha()).matches()) {
            return Optional.of(new Problem(HttpStatus.UNPROCESSABLE_ENTITY, Messages.quote(request.headSha())
                    + " is not a commit sha. Use 7 to 64 hex digits, or leave \"headSha\" out."));
        }
        if (request.requestedBy() != null && !REQUESTER.matcher(request.requestedBy()).matches()) {
            return Optional.of(new Problem(HttpStatus.UNPROCESSABLE_ENTITY, Messages.quote(request.requestedBy())
                    + " is not a name runbot can record. Use letters, digits, '.', '_', '@' or '-' (at most 64)."));
        }
        return Optional.empty();
    }

    static Optional<PullRequestRef> target(CommandRequest request) {
        return Optional.ofNullable(request.repository())
                .flatMap(RepositoryName::parse)
                .map(repository -> new PullRequestRef(repository, request.pullRequest()));
    }
}
