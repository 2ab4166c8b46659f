package dev.runbot.bot.github;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import java.util.Optional;

/**
 * What runbot needs from the place its pull requests live: who may do what, what a pull request
 * is, the repository's files, and the few ways it talks back (one comment, reactions, deployments).
 * Every method may throw {@link GitHubException}; none waits longer than the client's timeout.
 */
public interface PullRequestHost {

    /** The person's permission on the repository; {@link GitHubRole#NONE} for a stranger. */
    GitHubRole permission(RepositoryName repository, String login);

    /** The pull request as it is now. */
    PullRequestInfo pullRequest(PullRequestRef pullRequest);

    /**
     * The pull request's state, or {@link PullRequestCheck.Unchanged} when it has not changed since
     * GitHub gave {@code etag}; {@link PullRequestCheck.Gone} when GitHub does not know it.
     */
    PullRequestCheck pullRequestIfChanged(PullRequestRef pullRequest, Optional<String> etag);

    /**
     * A file's text and blob sha, at {@code ref} (a sha or branch) or, when empty, on the default
     * branch; empty when the file does not exist there.
     */
    Optional<RepositoryFile> file(RepositoryName repository, String path, Optional<String> ref);

    /** The oldest comment on the pull request written by runbot's own account that contains {@code marker}. */
    Optional<Long> findComment(PullRequestRef pullRequest, String marker);

    /** Adds a comment to the pull request; returns its id. */
    long createComment(PullRequestRef pullRequest, String body);

    /** Replaces a comment's text; false when the comment no longer exists (someone deleted it). */
    boolean editComment(RepositoryName repository, long commentId, String body);

    /** Adds a reaction to a comment; adding one that is already there is fine. */
    void react(RepositoryName repository, long commentId, Reaction reaction);

    /** Creates a deployment at {@code sha} for {@code environment}; returns its id. */
    long createDeployment(RepositoryName repository, String sha, String environment, String description);

    /** Adds a status to a deployment. */
    void deploymentStatus(RepositoryName repository, long deploymentId, DeploymentStatus status);
}
