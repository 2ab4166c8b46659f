package dev.runbot.bot.github.work;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;

/** Turns the names queued work carries back into runbot's types. */
final class WorkNames {

    private WorkNames() {
    }

    static PullRequestRef pullRequest(String repository, int number) {
        RepositoryName name = RepositoryName.parse(repository)
                .orElseThrow(() -> new IllegalArgumentException("queued work names no repository: \"" + repository + "\""));
        return new PullRequestRef(name, number);
    }
}
