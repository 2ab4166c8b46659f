package dev.runbot.bot.github.notify;

import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.LastCommand;
import dev.runbot.bot.github.PullRequestThreads;
import dev.runbot.commands.Durations;
import dev.runbot.commands.Messages;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.lifecycle.LifecycleSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Every change of an environment, whichever channel caused it, is shown on its pull request; a
 * coming expiry also says what to type to keep the environment.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class GitHubNotifier {

    private final GitHubNotices notices;
    private final PullRequestThreads threads;
    private final LifecycleSettings limits;

    GitHubNotifier(GitHubNotices notices, PullRequestThreads threads, LifecycleSettings limits) {
        this.notices = notices;
        this.threads = threads;
        this.limits = limits;
    }

    @EventListener
    void onEvent(EnvironmentEvent event) {
        PullRequestRef pullRequest = event.environment().pullRequestRef();
        if (event.type() == EnvironmentEvent.Type.EXPIRING) {
            // Nobody asked, so the status comment says it where the last command's answer goes.
            threads.recordCommand(pullRequest, new LastCommand("expiry warning", event.by().name(), event.at(),
                    Reply.message(Reply.Outcome.INFO, pullRequest + " expires at "
                            + Messages.time(event.environment().expiresAt()) + ".", "Comment \"/preview extend "
                            + Durations.format(limits.extendDefault()) + "\" to keep it longer, or \"/preview pin\" to"
                            + " keep it past its expiry.")));
        }
        notices.refresh(pullRequest);
    }
}
