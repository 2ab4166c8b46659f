package dev.runbot.commands;

import static dev.runbot.commands.Expected.answer;
import static dev.runbot.commands.Expected.command;
import static dev.runbot.commands.Expected.ignored;
import static dev.runbot.commands.Expected.pr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pull request comments as people write them, each with exactly what runbot makes of it. */
class CommentCommandsTest {

    private static final PullRequestRef PR = pr("acme/shop#42");
    private static final String LEAVE_OUT = "A comment acts on the pull request it is on, acme/shop#42. Leave %s out.";

    private final CommandParser parser = new CommandParser("runbot");

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"notForRunbot", "commandLines", "mistakes"})
    void readsTheFirstCommandLine(String body, ParseResult expected) {
        assertThat(parser.parseComment(body, PR)).isEqualTo(expected);
    }

    @Test
    void theCommandLineIsTheOneTheCommandCameFrom() {
        assertThat(parser.commandLine("Thanks!\n```\n/preview down\n```\n  @runbot pin 12h  \n/preview up"))
                .contains("@runbot pin 12h");
        assertThat(parser.commandLine("LGTM 🚀")).isEmpty();
    }

    static Stream<Arguments> notForRunbot() {
        return Stream.of(
                arguments("", ignored()),
                arguments("LGTM 🚀", ignored()),
                arguments("please run /preview up", ignored()),
                arguments("/previewfoo up", ignored()),
                arguments("/preview-up", ignored()),
                arguments("/ preview up", ignored()),
                arguments("@runbot-ci up", ignored()),
                arguments("@runbotup", ignored()),
                arguments("@octocat up", ignored()),
                arguments("`/preview up`", ignored()),
                arguments("> /preview up", ignored()),
                arguments(">/preview up", ignored()),
                arguments("> @runbot down", ignored()),
                arguments("```\n/preview up\n```", ignored()),
                arguments("~~~ sh\n/preview up\n~~~", ignored()),
                arguments("  ```\n  /preview down\n  ```", ignored()),
                arguments("````\n```\n/preview up\n````", ignored()),
                arguments("```\nnever closed\n/preview up", ignored()),
                arguments("~~~\n```\n/preview up\n~~~~", ignored()),
                arguments("/prevıew up", ignored()),
                arguments("@runboT\u200Bup", ignored()));
    }

    static Stream<Arguments> commandLines() {
        return Stream.of(
                arguments("/preview up", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("/PREVIEW UP", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("@runbot up", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("@RunBot Deploy", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("   /preview   up   ", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("\u00A0/preview\u00A0up\u2003--ttl\u202F12h", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofHours(12)).parsed()),
                arguments("/preview\tdown", command(Verb.DOWN).on("acme/shop#42").parsed()),
                arguments("Looks good!\n\n/preview up --ttl 12h\n/preview down", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofHours(12)).parsed()),
                arguments("Windows\r\nline ends\r\n@runbot destroy\r\n", command(Verb.DOWN).on("acme/shop#42").parsed()),
                arguments("```\n/preview down\n```\n/preview up", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("> /preview down\n\n/preview status", command(Verb.STATUS).on("acme/shop#42").parsed()),
                arguments("/preview up\nignored: --ttl 1m and acme/shop#1", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("/preview", command(Verb.HELP).on("acme/shop#42").parsed()),
                arguments("@runbot", command(Verb.HELP).on("acme/shop#42").parsed()),
                arguments("/preview help deploy", command(Verb.HELP).on("acme/shop#42").about(Verb.UP).parsed()),
                arguments("/preview pin", command(Verb.PIN).on("acme/shop#42").parsed()),
                arguments("@runbot extend 2d", command(Verb.EXTEND).on("acme/shop#42").lasting(Duration.ofDays(2)).parsed()),
                arguments("/preview unpin", command(Verb.UNPIN).on("acme/shop#42").parsed()),
                arguments("/preview list acme/web", command(Verb.LIST).on("acme/shop#42").of("acme/web").parsed()),
                arguments("/preview up --set image.tag=canary --set replicas=2",
                        command(Verb.UP).on("acme/shop#42").set("image.tag", "canary").set("replicas", "2").parsed()));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("/preview up #7", answer(LEAVE_OUT.formatted("\"#7\""))),
                arguments("/preview up acme/shop#42", answer(LEAVE_OUT.formatted("\"acme/shop#42\""))),
                arguments("@runbot status https://github.com/acme/shop/pull/42", answer(LEAVE_OUT.formatted("\"https://github.com/acme/shop/pull/42\""))),
                arguments("/preview down ../../etc#1", answer(LEAVE_OUT.formatted("\"../../etc#1\""))),
                arguments("/preview dwon", answer("Unknown command \"dwon\". Did you mean \"down\"? Try /preview help.")),
                arguments("Hi!\n@runbot destory", answer("Unknown command \"destory\". Did you mean \"down\"? Try /preview help.")),
                arguments("/preview ｕｐ", answer("Unknown command \"ｕｐ\". Did you mean \"up\"? Try /preview help.")),
                arguments("/preview down now", answer("\"down\" takes no arguments; \"now\" is extra.")),
                arguments("/preview up please", answer("\"up\" takes only options; \"please\" is extra. Use --ttl DURATION or --set key=value.")),
                arguments("/preview extend 3x", answer("\"3x\" is not a duration. Use 90m, 12h, 2d or 1d12h.")));
    }

    @Test
    void aGitHubAppIsMentionedWithoutItsBotSuffix() {
        CommandParser app = new CommandParser("runbot[bot]");

        assertThat(app.parseComment("@runbot status", PR)).isEqualTo(command(Verb.STATUS).on("acme/shop#42").parsed());
        assertThat(app.parseComment("@runbot[bot] status", PR)).isEqualTo(ignored());
    }

    @Test
    void withoutALoginOnlySlashPreviewCounts() {
        CommandParser anonymous = new CommandParser(null);

        assertThat(anonymous.parseComment("@ up", PR)).isEqualTo(ignored());
        assertThat(anonymous.parseComment("@null up", PR)).isEqualTo(ignored());
        assertThat(anonymous.parseComment("/preview up", PR)).isEqualTo(command(Verb.UP).on("acme/shop#42").parsed());
    }

    @Test
    void aNullBodyIsACommentWithoutCommands() {
        assertThat(parser.parseComment(null, PR)).isEqualTo(ignored());
    }
}
