package dev.runbot.bot.runners;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.CommandRunner;
import dev.runbot.bot.dispatch.EnvironmentReplies;
import dev.runbot.commands.Command;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import jakarta.inject.Singleton;

/** {@code list [owner/repo]}: every live environment. */
@Singleton
class ListRunner implements CommandRunner {

    private final EnvironmentService service;
    private final EnvironmentReplies replies;

    ListRunner(EnvironmentService service, EnvironmentReplies replies) {
        this.service = service;
        this.replies = replies;
    }

    @Override
    public Verb verb() {
        return Verb.LIST;
    }

    @Override
    public Reply run(Command command, CommandContext context) {
        String scope = command.repository().map(repository -> " in " + repository).orElse("");
        return replies.list(service.list(command.repository()), scope);
    }
}
