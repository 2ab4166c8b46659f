package dev.runbot.bot.dispatch;

import dev.runbot.commands.Command;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;

/** Runs one verb. Exactly one runner exists per verb; the dispatcher refuses to start otherwise. */
public interface CommandRunner {

    Verb verb();

    /** Runs an authorized command and says how it went; never throws for a refusal. */
    Reply run(Command command, CommandContext context);
}
