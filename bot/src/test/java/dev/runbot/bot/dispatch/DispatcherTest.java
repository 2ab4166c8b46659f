package dev.runbot.bot.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.commands.Command;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.commands.RepositoryName;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.lifecycle.Channel;
import dev.runbot.provisioner.lifecycle.Requester;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dispatcher's own rules: one runner per verb, permissions before running, no exception reaches a channel. */
class DispatcherTest {

    static final PullRequestRef PR_42 = new PullRequestRef(RepositoryName.parse("acme/shop").orElseThrow(), 42);

    @Test
    void refusesToStartWhenAVerbHasNoRunner() {
        List<CommandRunner> runners = new ArrayList<>(echoRunners());
        runners.removeIf(runner -> runner.verb() == Verb.PIN || runner.verb() == Verb.LIST);

        assertThatThrownBy(() -> new Dispatcher(runners, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no runner for [PIN, LIST]: every verb needs exactly one CommandRunner");
    }

    @Test
    void refusesToStartWhenAVerbHasTwoRunners() {
        List<CommandRunner> runners = new ArrayList<>(echoRunners());
        runners.add(new Echo(Verb.DOWN));

        assertThatThrownBy(() -> new Dispatcher(runners, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("two runners for \"down\"");
    }

    @Test
    void changingVerbsNeedWritePermission() {
        Dispatcher dispatcher = new Dispatcher(echoRunners(), new SimpleMeterRegistry());

        Reply reply = dispatcher.dispatch(Command.of(Verb.UP, PR_42), context(Permission.READ));

        assertThat(reply.outcome()).isEqualTo(Reply.Outcome.FORBIDDEN);
        assertThat(reply.title()).isEqualTo("@octocat needs write access to acme/shop to run \"up\".");
        assertThat(dispatcher.dispatch(Command.of(Verb.STATUS, PR_42), context(Permission.READ)).title())
                .isEqualTo("ran status");
        assertThat(dispatcher.dispatch(Command.of(Verb.STATUS, PR_42), context(Permission.NONE)).title())
                .isEqualTo("@octocat needs read access to acme/shop to run \"status\".");
    }

    @Test
    void aFailingRunnerBecomesAnErrorReplyWithAnIncidentAndNoStackTrace() {
        List<CommandRunner> runners = new ArrayList<>(echoRunners());
        runners.removeIf(runner -> runner.verb() == Verb.UP);
        runners.add(new CommandRunner() {
            @Override
            public Verb verb() {
                return Verb.UP;
            }

            @Override
            public Reply run(Command command, CommandContext context) {
                throw new IllegalStateException("database password is hunter2");
            }
        });

        Reply reply = new Dispatcher(runners, new SimpleMeterRegistry()).dispatch(Command.of(Verb.UP, PR_42), context(Permission.WRITE));

        assertThat(reply.outcome()).isEqualTo(Reply.Outcome.ERROR);
        assertThat(reply.title()).isEqualTo("runbot could not run \"up\" on acme/shop#42.");
        assertThat(reply.text()).matches("An internal error occurred \\(incident [0-9a-f]{8}\\)\\. .*")
                .doesNotContain("hunter2").doesNotContain("Exception");
    }

    private static CommandContext context(Permission permission) {
        return new CommandContext(new Requester("octocat", Channel.GITHUB), permission, Optional.empty(),
                Optional.empty());
    }

    private static List<CommandRunner> echoRunners() {
        return Arrays.stream(Verb.values()).<CommandRunner>map(Echo::new).toList();
    }

    /** A runner that only says it ran, so the dispatcher's routing is what is under test. */
    private record Echo(Verb verb) implements CommandRunner {
        @Override
        public Reply run(Command command, CommandContext context) {
            return Reply.message(Reply.Outcome.DONE, "ran " + verb.word(), "");
        }
    }
}
