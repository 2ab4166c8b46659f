package dev.runbot.bot.runners;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.CommandRunner;
import dev.runbot.bot.dispatch.EnvironmentChangeFlow;
import dev.runbot.commands.Command;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import jakarta.inject.Singleton;

/** {@code down}: destroy the environment now. */
@Singleton
class DownRunner implements CommandRunner {

    private final EnvironmentService service;
    private final EnvironmentChangeFlow flow;

    DownRunner(EnvironmentService service, EnvironmentChangeFlow flow) {
        this.service = service;
        this.flow = flow;
    }

    @Override
    public Verb verb() {
        return Verb.DOWN;
    }

    @Override
    public Reply run(Command command, CommandContext context) {
        PullRequestRef target = command.target().orElseThrow();
        return flow.reply(context.reason().map(why -> service.down(target, context.requester(), why))
                .orElseGet(() -> service.down(target, context.requester())), true);
    }
}
