package dev.runbot.bot.github;

import dev.runbot.commands.PullRequestRef;
import java.util.List;

/**
 * A pull request as runbot needs it.
 *
 * @param author         the login of who opened it
 * @param headSha        the commit at its head
 * @param headBranch     the head branch's name (in the fork, for a fork)
 * @param headRepository {@code owner/name} of the repository the head lives in
 * @param fork           whether the head lives in another repository than the base
 * @param open           false once closed or merged
 * @param labels         label names, in GitHub's order
 */
public record PullRequestInfo(
        PullRequestRef ref,
        String title,
        String author,
        String headSha,
        String headBranch,
        String headRepository,
        boolean fork,
        boolean open,
        List<String> labels) {

    public PullRequestInfo {
        labels = List.copyOf(labels);
    }
}
