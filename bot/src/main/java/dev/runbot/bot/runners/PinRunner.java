package dev.runbot.bot.runners;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.CommandRunner;
import dev.runbot.bot.dispatch.EnvironmentChangeFlow;
import dev.runbot.commands.Command;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import jakarta.inject.Singleton;

/** {@code pin [DURATION]}: keep the environment past its TTL. */
@Singleton
class PinRunner implements CommandRunner {

    private final EnvironmentService service;
    private final EnvironmentChangeFlow flow;

    PinRunner(EnvironmentService service, EnvironmentChangeFlow flow) {
        this.service = service;
        this.flow = flow;
    }

    @Override
    public Verb verb() {
        return Verb.PIN;
    }

    @Override
    public Reply run(Command command, CommandContext context) {
        return flow.reply(service.pin(command.target().orElseThrow(), command.duration(), context.requester()), false);
    }
}
