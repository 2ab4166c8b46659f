package dev.runbot.bot.runners;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.CommandRunner;
import dev.runbot.commands.Command;
import dev.runbot.commands.HelpText;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import jakarta.inject.Singleton;

/** {@code help [verb]}: the grammar, with examples. */
@Singleton
class HelpRunner implements CommandRunner {

    @Override
    public Verb verb() {
        return Verb.HELP;
    }

    @Override
    public Reply run(Command command, CommandContext context) {
        return command.topic().map(HelpText::about).orElseGet(HelpText::overview);
    }
}
