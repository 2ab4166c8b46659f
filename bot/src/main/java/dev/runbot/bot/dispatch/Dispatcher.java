package dev.runbot.bot.dispatch;

import dev.runbot.commands.Command;
import dev.runbot.commands.Messages;
import dev.runbot.commands.ParseResult;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every channel's commands take: parse result in, authorize, run the verb's
 * runner, reply out. GitHub comments, Slack commands and the REST API all come through here.
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Map<Verb, CommandRunner> runners;
    private final MeterRegistry meters;

    Dispatcher(List<CommandRunner> all, MeterRegistry meters) {
        this.runners = byVerb(all);
        this.meters = meters;
    }

    /** The reply to post for {@code parsed}; empty when the text was not meant for runbot. */
    public Optional<Reply> handle(ParseResult parsed, CommandContext context) {
        if (parsed instanceof ParseResult.Parsed command) {
            return Optional.of(dispatch(command.command(), context));
        }
        if (parsed instanceof ParseResult.Answer answer) {
            return Optional.of(answer.reply());
        }
        return Optional.empty();
    }

    /**
     * Authorizes and runs one command. Errors become replies; nothing is thrown at the channel.
     * Each is counted in {@code runbot_commands_total} by verb, channel and outcome.
     */
    public Reply dispatch(Command command, CommandContext context) {
        Reply reply = run(command, context);
        meters.counter("runbot.commands", "verb", command.verb().word(),
                "channel", context.requester().channel().label(),
                "outcome", reply.outcome().name().toLowerCase(Locale.ROOT)).increment();
        return reply;
    }

    private Reply run(Command command, CommandContext context) {
        Verb verb = command.verb();
        Permission needed = verb == Verb.HELP ? Permission.NONE : verb.mutating() ? Permission.WRITE : Permission.READ;
        if (!context.permission().allows(needed)) {
            return forbidden(command, context, needed);
        }
        try {
            return runners.get(verb).run(command, context);
        } catch (OptimisticLockException e) {
            return Reply.message(Reply.Outcome.REFUSED, target(command) + " was changed by someone else at the same"
                    + " moment. Run the command again.", "");
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("running \"{}\" on {} for {} via {} failed (incident {})", verb.word(), target(command),
                    context.requester().name(), context.requester().channel().label(), incident, e);
            return Reply.message(Reply.Outcome.ERROR, "runbot could not run \"" + verb.word() + "\" on "
                    + target(command) + ".", "An internal error occurred (incident " + incident + "). Try again; if"
                    + " it keeps happening, tell the people who run runbot and quote the incident.");
        }
    }

    private static Reply forbidden(Command command, CommandContext context, Permission needed) {
        String level = needed == Permission.WRITE ? "write" : "read";
        String message = command.target()
                .map(target -> Messages.noPermission(context.requester().name(), target.repository(), level,
                        command.verb()))
                .orElse("@" + context.requester().name() + " needs " + level + " access to run \""
                        + command.verb().word() + "\".");
        return Reply.message(Reply.Outcome.FORBIDDEN, message, "");
    }

    private static String target(Command command) {
        return command.target().map(PullRequestRef::toString).orElse("all environments");
    }

    private static Map<Verb, CommandRunner> byVerb(List<CommandRunner> all) {
        Map<Verb, CommandRunner> byVerb = new EnumMap<>(Verb.class);
        for (CommandRunner runner : all) {
            CommandRunner previous = byVerb.put(runner.verb(), runner);
            if (previous != null) {
                throw new IllegalStateException("two runners for \"" + runner.verb().word() + "\": "
                        + previous.getClass().getName() + " and " + runner.getClass().getName());
            }
        }
        List<Verb> missing = Arrays.stream(Verb.values()).filter(verb -> !byVerb.containsKey(verb)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no runner for " + missing + ": every verb needs exactly one CommandRunner");
        }
        return byVerb;
    }
}
