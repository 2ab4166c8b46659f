package dev.runbot.bot.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.PullRequestCheck;
import dev.runbot.commands.PullRequestRef;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conditional read of a pull request's state ({@code GET /repos/{o}/{r}/pulls/{n}} with
 * {@code If-None-Match}), which kohsuke cannot make: a pull request unchanged since the ETag sent
 * costs a 304, which GitHub does not count against the rate limit.
 */
final class PullRequestStates {

    private static final Logger LOG = LoggerFactory.getLogger(PullRequestStates.class);

    private final RestCalls rest;
    private final Credentials credentials;
    private final Failures failures;

    PullRequestStates(RestCalls rest, Credentials credentials, Failures failures) {
        this.rest = rest;
        this.credentials = credentials;
        this.failures = failures;
    }

    PullRequestCheck check(PullRequestRef pullRequest, Optional<String> etag) {
        String doing = "checking pull request \"%s\"".formatted(pullRequest);
        return failures.attempt(doing, () -> {
            LOG.debug(doing);
            RestCalls.Reply reply;
            try {
                reply = rest.getIfNoneMatch("/repos/" + pullRequest.repository() + "/pulls/" + pullRequest.number(),
                        etag, credentials.authorization(pullRequest.repository()));
            } catch (GitHubException missing) {
                if (!missing.notFound()) {
                    throw missing;
                }
                return new PullRequestCheck.Gone();
            }
            if (reply.notModified()) {
                return new PullRequestCheck.Unchanged();
            }
            return changed(reply);
        });
    }

    private static PullRequestCheck.Changed changed(RestCalls.Reply reply) {
        JsonNode json = reply.json();
        String state = json.path("state").asText("");
        if (!"open".equals(state) && !"closed".equals(state)) {
            throw Failures.unusable("GitHub's answer has the state \"" + state + "\", neither \"open\" nor \"closed\"",
                    reply.status());
        }
        String headSha = json.path("head").path("sha").asText("");
        if (headSha.isBlank()) {
            throw Failures.unusable("GitHub's answer has no head sha", reply.status());
        }
        return new PullRequestCheck.Changed("open".equals(state), json.path("merged").asBoolean(false), headSha,
                reply.etag());
    }
}
