package dev.runbot.commands;

import static dev.runbot.commands.Expected.answer;
import static dev.runbot.commands.Expected.command;
import static dev.runbot.commands.Expected.pr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** REST commands: text plus, usually, the pull request beside it. */
class ApiCommandsTest {

    private static final Optional<PullRequestRef> GIVEN = Optional.of(pr("acme/shop#42"));
    private static final Optional<PullRequestRef> NONE = Optional.empty();

    private final CommandParser parser = new CommandParser("runbot");

    @ParameterizedTest(name = "[{index}] {0} beside {1}")
    @MethodSource("requests")
    void readsTextBesideAPullRequest(String text, Optional<PullRequestRef> target, ParseResult expected) {
        assertThat(parser.parseText(text, target)).isEqualTo(expected);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                arguments("up", GIVEN, command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("/preview up --ttl 90m", GIVEN, command(Verb.UP).on("acme/shop#42").lasting(Duration.ofMinutes(90)).parsed()),
                arguments("  /PREVIEW  extend 1d ", GIVEN, command(Verb.EXTEND).on("acme/shop#42").lasting(Duration.ofDays(1)).parsed()),
                arguments("", GIVEN, command(Verb.HELP).on("acme/shop#42").parsed()),
                arguments("/preview", GIVEN, command(Verb.HELP).on("acme/shop#42").parsed()),
                arguments(null, NONE, command(Verb.HELP).parsed()),
                arguments("list acme/web", NONE, command(Verb.LIST).of("acme/web").parsed()),
                arguments("up acme/web#7", NONE, command(Verb.UP).on("acme/web#7").parsed()),
                arguments("status https://github.com/acme/web/pull/7", NONE, command(Verb.STATUS).on("acme/web#7").parsed()),
                arguments("up acme/shop#42", GIVEN, command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("up ACME/Shop#42", GIVEN, command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("up #42", GIVEN, command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("up", NONE, answer("Which pull request? Use /preview up owner/repo#123.")),
                arguments("pin 2d", NONE, answer("Which pull request? Use /preview pin owner/repo#123.")),
                arguments("up #42", NONE, answer("Which pull request? Use /preview up owner/repo#123.")),
                arguments("up acme/shop#7", GIVEN,
                        answer("The text names \"acme/shop#7\" but the request is for acme/shop#42. Name the pull request once.")),
                arguments("down #7", GIVEN,
                        answer("The text names \"#7\" but the request is for acme/shop#42. Name the pull request once.")),
                arguments("up acme/shop#0", GIVEN,
                        answer("\"acme/shop#0\" is not a pull request. Use owner/repo#123, #123 or a pull request URL.")),
                arguments("up <https://github.com/acme/web/pull/7>", NONE,
                        answer("\"<https://github.com/acme/web/pull/7>\" is not a pull request. Use owner/repo#123, #123 or a pull request URL.")),
                arguments("up --set a=&amp;", GIVEN, command(Verb.UP).on("acme/shop#42").set("a", "&amp;").parsed()),
                arguments("@runbot up", GIVEN, answer("Unknown command \"@runbot\". Try /preview help.")),
                arguments("/preview-up", GIVEN, answer("Unknown command \"/preview-up\". Try /preview help.")),
                arguments("/preview dwon", GIVEN, answer("Unknown command \"dwon\". Did you mean \"down\"? Try /preview help.")));
    }
}
