package dev.runbot.bot.github.notify;

import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Every change of an environment, whichever channel caused it, is shown on its pull request. */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class GitHubNotifier {

    private final GitHubNotices notices;

    GitHubNotifier(GitHubNotices notices) {
        this.notices = notices;
    }

    @EventListener
    void onEvent(EnvironmentEvent event) {
        notices.refresh(event.environment().pullRequestRef());
    }
}
