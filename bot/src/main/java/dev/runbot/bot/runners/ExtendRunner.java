package dev.runbot.bot.runners;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.CommandRunner;
import dev.runbot.bot.dispatch.EnvironmentChangeFlow;
import dev.runbot.commands.Command;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import jakarta.inject.Singleton;

/** {@code extend [DURATION]}: move the expiry later, within the maximum lifetime. */
@Singleton
class ExtendRunner implements CommandRunner {

    private final EnvironmentService service;
    private final EnvironmentChangeFlow flow;

    ExtendRunner(EnvironmentService service, EnvironmentChangeFlow flow) {
        this.service = service;
        this.flow = flow;
    }

    @Override
    public Verb verb() {
        return Verb.EXTEND;
    }

    @Override
    public Reply run(Command command, CommandContext context) {
        return flow.reply(service.extend(command.target().orElseThrow(), command.duration(), context.requester()),
                false);
    }
}
