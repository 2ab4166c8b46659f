package dev.runbot.bot.runners;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.CommandRunner;
import dev.runbot.bot.dispatch.EnvironmentReplies;
import dev.runbot.commands.Command;
import dev.runbot.commands.Messages;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import jakarta.inject.Singleton;

/** {@code status}: state, URL, links, sha, expiry, pin, who asked. */
@Singleton
class StatusRunner implements CommandRunner {

    private final EnvironmentService service;
    private final EnvironmentReplies replies;

    StatusRunner(EnvironmentService service, EnvironmentReplies replies) {
        this.service = service;
        this.replies = replies;
    }

    @Override
    public Verb verb() {
        return Verb.STATUS;
    }

    @Override
    public Reply run(Command command, CommandContext context) {
        PullRequestRef target = command.target().orElseThrow();
        return service.live(target)
                .map(environment -> replies.status(environment, ""))
                .orElseGet(() -> Reply.message(Reply.Outcome.NOT_FOUND, Messages.noEnvironment(target), ""));
    }
}
