package dev.runbot.bot.github;

import dev.runbot.commands.PullRequestRef;
import java.util.Optional;

/**
 * What runbot keeps about one pull request on GitHub.
 *
 * @param commentId       runbot's status comment, once written or found
 * @param commentDigest   SHA-256 of the body last written to it
 * @param deploymentId    the deployment for the environment's current head
 * @param deploymentSha   the sha that deployment is for
 * @param deploymentState the last status posted to it, in GitHub's words
 * @param lastCommand     the last command typed on the pull request, with runbot's answer
 * @param seen            what the periodic check last saw of the pull request on GitHub
 */
public record PullRequestThread(
        long id,
        PullRequestRef pullRequest,
        Optional<Long> commentId,
        Optional<String> commentDigest,
        Optional<Long> deploymentId,
        Optional<String> deploymentSha,
        Optional<String> deploymentState,
        Optional<LastCommand> lastCommand,
        Optional<SeenPullRequest> seen) {
}
