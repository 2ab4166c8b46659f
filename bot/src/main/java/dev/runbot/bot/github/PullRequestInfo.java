package dev.runbot.bot.github;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import java.util.List;
import java.util.Optional;

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

    /**
     * Why this pull request may not be deployed for someone with {@code role}: a closed one never,
     * a fork's code only for people with write access. Empty when it may.
     */
    public Optional<Reply> refusesUp(GitHubRole role, String login) {
        if (!open) {
            return Optional.of(Reply.message(Reply.Outcome.REFUSED, ref + " is closed.",
                    "Reopen it to deploy a preview environment."));
        }
        if (fork && !role.atLeast(GitHubRole.WRITE)) {
            return Optional.of(Reply.message(Reply.Outcome.FORBIDDEN, "@" + login + " needs write access to "
                    + ref.repository() + " to deploy a pull request from a fork.",
                    "Code from forks runs only when someone with write access asks for it."));
        }
        return Optional.empty();
    }
}
