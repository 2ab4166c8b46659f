package dev.runbot.bot.runners;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.CommandRunner;
import dev.runbot.bot.dispatch.EnvironmentChangeFlow;
import dev.runbot.commands.Command;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import jakarta.inject.Singleton;

/** {@code unpin}: the TTL applies again. */
@Singleton
class UnpinRunner implements CommandRunner {

    private final EnvironmentService service;
    private final EnvironmentChangeFlow flow;

    UnpinRunner(EnvironmentService service, EnvironmentChangeFlow flow) {
        this.service = service;
        this.flow = flow;
    }

    @Override
    public Verb verb() {
        return Verb.UNPIN;
    }

    @Override
    public Reply run(Command command, CommandContext context) {
        return flow.reply(service.unpin(command.target().orElseThrow(), context.requester()), false);
    }
}
