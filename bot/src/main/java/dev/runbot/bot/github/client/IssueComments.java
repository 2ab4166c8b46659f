package dev.runbot.bot.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.Reaction;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * runbot's comment on a pull request and the reactions on commands: found, written, edited and
 * reacted to by comment id, with one REST call each (one per page when searching).
 */
final class IssueComments {

    static final int PAGE_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(IssueComments.class);

    private final RestCalls rest;
    private final Credentials credentials;
    private final Failures failures;

    IssueComments(RestCalls rest, Credentials credentials, Failures failures) {
        this.rest = rest;
        this.credentials = credentials;
        this.failures = failures;
    }

    /** Pages through the comments, oldest first, and stops at the first of runbot's that has the marker. */
    Optional<Long> find(PullRequestRef pullRequest, String marker) {
        RepositoryName repository = pullRequest.repository();
        String doing = "looking for the comment marked \"%s\" on %s".formatted(marker, pullRequest);
        return failures.attempt(doing, () -> {
            LOG.debug(doing);
            String ownLogin = credentials.ownLogin();
            Optional<String> page = Optional.of(issuePath(pullRequest) + "/comments?per_page=" + PAGE_SIZE);
            while (page.isPresent()) {
                RestCalls.Reply reply = rest.send("GET", page.get(), null, credentials.authorization(repository));
                for (JsonNode comment : reply.json()) {
                    if (comment.path("body").asText("").contains(marker)
                            && comment.path("user").path("login").asText("").equalsIgnoreCase(ownLogin)) {
                        return Optional.of(comment.path("id").asLong());
                    }
                }
                page = reply.next();
            }
            return Optional.empty();
        });
    }

    long create(PullRequestRef pullRequest, String body) {
        String doing = "commenting on " + pullRequest;
        return failures.attempt(doing, () -> {
            LOG.info(doing);
            RestCalls.Reply reply = rest.send("POST", issuePath(pullRequest) + "/comments", Map.of("body", body),
                    credentials.authorization(pullRequest.repository()));
            return id(reply);
        });
    }

    /** False when the comment is gone (GitHub answers 404). */
    boolean edit(RepositoryName repository, long commentId, String body) {
        String doing = "editing comment %d in %s".formatted(commentId, repository);
        return failures.attempt(doing, () -> {
            LOG.info(doing);
            try {
                rest.send("PATCH", commentPath(repository, commentId), Map.of("body", body),
                        credentials.authorization(repository));
                return true;
            } catch (GitHubException gone) {
                if (!gone.notFound()) {
                    throw gone;
                }
                LOG.info("comment {} in {} is gone; nothing to edit", commentId, repository);
                return false;
            }
        });
    }

    /** GitHub answers 201 for a new reaction and 200 for one that was already there; both are fine. */
    void react(RepositoryName repository, long commentId, Reaction reaction) {
        String doing = "reacting \"%s\" to comment %d in %s".formatted(reaction.content(), commentId, repository);
        failures.attempt(doing, () -> {
            LOG.info(doing);
            return rest.send("POST", commentPath(repository, commentId) + "/reactions",
                    Map.of("content", reaction.content()), credentials.authorization(repository));
        });
    }

    private static long id(RestCalls.Reply reply) {
        long id = reply.json().path("id").asLong(0);
        if (id <= 0) {
            throw Failures.unusable("GitHub's answer has no comment id", reply.status());
        }
        return id;
    }

    private static String issuePath(PullRequestRef pullRequest) {
        return "/repos/" + pullRequest.repository() + "/issues/" + pullRequest.number();
    }

    private static String commentPath(RepositoryName repository, long commentId) {
        return "/repos/" + repository + "/issues/comments/" + commentId;
    }
}
