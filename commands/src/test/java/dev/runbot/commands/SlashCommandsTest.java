package dev.runbot.commands;

import static dev.runbot.commands.Expected.answer;
import static dev.runbot.commands.Expected.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slack {@code /preview} text, as Slack delivers it, each with exactly what runbot makes of it.
 * The channel is mapped to acme/shop unless a table says otherwise.
 */
class SlashCommandsTest {

    private static final Optional<RepositoryName> SHOP = RepositoryName.parse("acme/shop");
    private static final String NOT_A_PR = "%s is not a pull request. Use owner/repo#123, #123 or a pull request URL.";
    private static final String UP_EXTRA = "\"up\" takes only options; %s is extra. Use --ttl DURATION or --set key=value.";
    private static final String LONG = "a".repeat(10_000);
    private static final String FORTY = "a".repeat(40);

    private final CommandParser parser = new CommandParser("runbot");

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"verbs", "targets", "upOptions", "overrideValues", "otherArguments", "unicode"})
    void inAChannelWithARepository(String text, ParseResult expected) {
        assertThat(parser.parseSlash(text, SHOP)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("withoutChannelRepository")
    void inAChannelWithoutARepository(String text, ParseResult expected) {
        assertThat(parser.parseSlash(text, Optional.empty())).isEqualTo(expected);
    }

    static Stream<Arguments> verbs() {
        return Stream.of(
                arguments("up #42", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("UP #42", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("Deploy #42", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("DESTROY #42", command(Verb.DOWN).on("acme/shop#42").parsed()),
                arguments("/preview up #42", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("", command(Verb.HELP).parsed()),
                arguments(" \t ", command(Verb.HELP).parsed()),
                arguments(null, command(Verb.HELP).parsed()),
                arguments("help", command(Verb.HELP).parsed()),
                arguments("help EXTEND", command(Verb.HELP).about(Verb.EXTEND).parsed()),
                arguments("help destroy", command(Verb.HELP).about(Verb.DOWN).parsed()),
                arguments("dwon #42", answer("Unknown command \"dwon\". Did you mean \"down\"? Try /preview help.")),
                arguments("destory #42", answer("Unknown command \"destory\". Did you mean \"down\"? Try /preview help.")),
                arguments("deplyo #42", answer("Unknown command \"deplyo\". Did you mean \"up\"? Try /preview help.")),
                arguments("extnd #42", answer("Unknown command \"extnd\". Did you mean \"extend\"? Try /preview help.")),
                arguments("stauts #42", answer("Unknown command \"stauts\". Did you mean \"status\"? Try /preview help.")),
                arguments("unpni #42", answer("Unknown command \"unpni\". Did you mean \"unpin\"? Try /preview help.")),
                arguments("lsit", answer("Unknown command \"lsit\". Did you mean \"list\"? Try /preview help.")),
                arguments("ls", answer("Unknown command \"ls\". Did you mean \"list\"? Try /preview help.")),
                arguments("hlep", answer("Unknown command \"hlep\". Did you mean \"help\"? Try /preview help.")),
                arguments("pinn #42", answer("Unknown command \"pinn\". Did you mean \"pin\"? Try /preview help.")),
                arguments("u #42", answer("Unknown command \"u\". Did you mean \"up\"? Try /preview help.")),
                arguments("DWON #42", answer("Unknown command \"DWON\". Did you mean \"down\"? Try /preview help.")),
                arguments("xx #42", answer("Unknown command \"xx\". Try /preview help.")),
                arguments("bogus", answer("Unknown command \"bogus\". Try /preview help.")),
                arguments("upgrade #42", answer("Unknown command \"upgrade\". Try /preview help.")),
                arguments("up. #42", answer("Unknown command \"up.\". Did you mean \"up\"? Try /preview help.")),
                arguments("acme/shop#42 up", answer("Unknown command \"acme/shop#42\". Try /preview help.")),
                arguments("--ttl 12h", answer("Unknown command \"--ttl\". Try /preview help.")),
                arguments("help dwon", answer("Unknown command \"dwon\". Did you mean \"down\"? Try /preview help.")),
                arguments("help up dwon", answer("\"help\" takes at most one command; \"dwon\" is extra. Use /preview help or /preview help up.")),
                arguments("help up down", answer("\"help\" takes at most one command; \"down\" is extra. Use /preview help or /preview help up.")),
                arguments("help --verbose", answer("\"--verbose\" is not an option of \"help\". Use /preview help or /preview help up.")),
                arguments(LONG, answer("Unknown command \"" + FORTY + "…\". Try /preview help.")));
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                arguments("up acme/shop#42", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("up acme/web#7", command(Verb.UP).on("acme/web#7").parsed()),
                arguments("up Acme-Corp/shop.web_2#7", command(Verb.UP).on("Acme-Corp/shop.web_2#7").parsed()),
                arguments("up #007", command(Verb.UP).on("acme/shop#7").parsed()),
                arguments("up #2147483647", command(Verb.UP).on("acme/shop#2147483647").parsed()),
                arguments("up https://github.com/acme/web/pull/42", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up https://github.com/acme/web/pull/42/files", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up https://github.com/acme/web/pull/42/commits/0a1b2c3", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up https://github.com/acme/web/pull/42?w=1", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up https://github.com/acme/web/pull/42#issuecomment-1", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up HTTPS://GitHub.com/acme/web/pull/42", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up https://git.example.com/acme/web/pull/42", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up http://ghe:8443/acme/web/pull/42", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up <https://github.com/acme/web/pull/42>", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up <https://github.com/acme/web/pull/42|acme/web#42>", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up <https://github.com/acme/web/pull/42|the web PR>", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("up <http://github.com/acme/web/pull/42|github.com/acme/web/pull/42>", command(Verb.UP).on("acme/web#42").parsed()),
                arguments("status acme/web#42 --ttl 1d", answer("\"status\" takes no arguments; \"--ttl\" is extra.")),
                arguments("up acme/shop#0", answer(NOT_A_PR.formatted("\"acme/shop#0\""))),
                arguments("up acme/shop#-1", answer(NOT_A_PR.formatted("\"acme/shop#-1\""))),
                arguments("up acme/shop#99999999999", answer(NOT_A_PR.formatted("\"acme/shop#99999999999\""))),
                arguments("up acme/shop#2147483648", answer(NOT_A_PR.formatted("\"acme/shop#2147483648\""))),
                arguments("up acme/shop#4x", answer(NOT_A_PR.formatted("\"acme/shop#4x\""))),
                arguments("up acme/shop#٤٢", answer(NOT_A_PR.formatted("\"acme/shop#٤٢\""))),
                arguments("up ../../etc#1", answer(NOT_A_PR.formatted("\"../../etc#1\""))),
                arguments("up acme/..#1", answer(NOT_A_PR.formatted("\"acme/..#1\""))),
                arguments("up -acme/shop#1", answer(NOT_A_PR.formatted("\"-acme/shop#1\""))),
                arguments("up acme/shop", answer(NOT_A_PR.formatted("\"acme/shop\""))),
                arguments("up #0", answer(NOT_A_PR.formatted("\"#0\""))),
                arguments("up #", answer(NOT_A_PR.formatted("\"#\""))),
                arguments("up ##42", answer(NOT_A_PR.formatted("\"##42\""))),
                arguments("up https://github.com/acme/web/issues/42", answer(NOT_A_PR.formatted("\"https://github.com/acme/web/issues/42\""))),
                arguments("up https://github.com/acme/web", answer(NOT_A_PR.formatted("\"https://github.com/acme/web\""))),
                arguments("up https://evil@github.com/acme/web/pull/42", answer(NOT_A_PR.formatted("\"https://evil@github.com/acme/web/pull/42\""))),
                arguments("up file:///etc/passwd", answer(NOT_A_PR.formatted("\"file:///etc/passwd\""))),
                arguments("up acme/shop#42 acme/web#7",
                        answer("A command acts on one pull request, not on both \"acme/shop#42\" and \"acme/web#7\".")));
    }

    static Stream<Arguments> upOptions() {
        return Stream.of(
                arguments("up #42 --ttl 12h", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofHours(12)).parsed()),
                arguments("up --ttl 12h #42", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofHours(12)).parsed()),
                arguments("up #42 --ttl=1d12h", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofHours(36)).parsed()),
                arguments("up #42 --TTL 10m", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofMinutes(10)).parsed()),
                arguments("up #42 \u2014ttl 2d", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofDays(2)).parsed()),
                arguments("up #42 --ttl 30d", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofDays(30)).parsed()),
                arguments("up #42 --ttl 1d --ttl 2d", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofDays(2)).parsed()),
                arguments("up #42 --ttl", answer("\"--ttl\" needs a duration, e.g. --ttl 12h.")),
                arguments("up #42 --ttl=", answer("\"--ttl\" needs a duration, e.g. --ttl 12h.")),
                arguments("up #42 --ttl --set a=b", answer("\"--ttl\" needs a duration, e.g. --ttl 12h.")),
                arguments("up #42 --ttl 3x", answer("\"3x\" is not a duration. Use 90m, 12h, 2d or 1d12h.")),
                arguments("up #42 --ttl #43", answer("\"#43\" is not a duration. Use 90m, 12h, 2d or 1d12h.")),
                arguments("up #42 --ttl 400d", answer("\"400d\" is not a duration. Use 90m, 12h, 2d or 1d12h.")),
                arguments("up #42 --ttl 5m", answer("\"5m\" is too short. Durations start at 10m.")),
                arguments("up #42 --foo", answer("\"--foo\" is not an option of \"up\". Use --ttl DURATION or --set key=value.")),
                arguments("up #42 --foo=bar", answer("\"--foo\" is not an option of \"up\". Use --ttl DURATION or --set key=value.")),
                arguments("up #42 -t 12h", answer(UP_EXTRA.formatted("\"-t\""))),
                arguments("up #42 12h", answer(UP_EXTRA.formatted("\"12h\""))),
                arguments("up #42 --set", answer("\"--set\" needs key=value, e.g. --set image.tag=canary.")),
                arguments("up #42 --set=", answer("\"--set\" needs key=value, e.g. --set image.tag=canary.")),
                arguments("up #42 --set novalue", answer("\"novalue\" is not key=value. Use --set key=value, e.g. --set image.tag=canary.")),
                arguments("up #42 --set =x", answer("\"\" cannot be a key. Use up to 100 letters, digits, _, . or -, starting with a letter, digit or _.")),
                arguments("up #42 --set .a=x", answer("\".a\" cannot be a key. Use up to 100 letters, digits, _, . or -, starting with a letter, digit or _.")),
                arguments("up #42 --set a[0]=x", answer("\"a[0]\" cannot be a key. Use up to 100 letters, digits, _, . or -, starting with a letter, digit or _.")),
                arguments("up #42 --set ｋｅｙ=x", answer("\"ｋｅｙ\" cannot be a key. Use up to 100 letters, digits, _, . or -, starting with a letter, digit or _.")),
                arguments("up #42 --set " + "k".repeat(101) + "=x",
                        answer("\"" + "k".repeat(40) + "…\" cannot be a key. Use up to 100 letters, digits, _, . or -, starting with a letter, digit or _.")),
                arguments("up #42 --set " + "k".repeat(100) + "=x", command(Verb.UP).on("acme/shop#42").set("k".repeat(100), "x").parsed()),
                arguments("up #42 --set a=\u0007", answer("The value of \"a\" contains a control character. Values are plain text.")),
                arguments("up #42 --set a=\u001B[31mred", answer("The value of \"a\" contains a control character. Values are plain text.")),
                arguments("up #42 --set a=" + "v".repeat(1024), command(Verb.UP).on("acme/shop#42").set("a", "v".repeat(1024)).parsed()),
                arguments("up #42 --set a=" + "v".repeat(1025), answer("The value of \"a\" is 1025 characters long; a --set value may have at most 1024.")));
    }

    static Stream<Arguments> overrideValues() {
        return Stream.of(
                arguments("up #42 --set image.tag=canary --set replicas=2",
                        command(Verb.UP).on("acme/shop#42").set("image.tag", "canary").set("replicas", "2").parsed()),
                arguments("up #42 --set=image.tag=canary", command(Verb.UP).on("acme/shop#42").set("image.tag", "canary").parsed()),
                arguments("up #42 --SET Image_Tag-2=v", command(Verb.UP).on("acme/shop#42").set("Image_Tag-2", "v").parsed()),
                arguments("up #42 --set a=", command(Verb.UP).on("acme/shop#42").set("a", "").parsed()),
                arguments("up #42 --set a=b=c", command(Verb.UP).on("acme/shop#42").set("a", "b=c").parsed()),
                arguments("up #42 --set a=1 --set a=2", command(Verb.UP).on("acme/shop#42").set("a", "2").parsed()),
                arguments("up #42 --set a=b,c=d", command(Verb.UP).on("acme/shop#42").set("a", "b,c=d").parsed()),
                arguments("up #42 --set a={x,y}", command(Verb.UP).on("acme/shop#42").set("a", "{x,y}").parsed()),
                arguments("up #42 --set a=b\\,c", command(Verb.UP).on("acme/shop#42").set("a", "b\\,c").parsed()),
                arguments("up #42 --set a=[0]", command(Verb.UP).on("acme/shop#42").set("a", "[0]").parsed()),
                arguments("up #42 --set a=$(reboot)", command(Verb.UP).on("acme/shop#42").set("a", "$(reboot)").parsed()),
                arguments("up #42 --set a=`id`;echo${IFS}pwned|sh", command(Verb.UP).on("acme/shop#42").set("a", "`id`;echo${IFS}pwned|sh").parsed()),
                arguments("up #42 --set a='x'\"y\"", command(Verb.UP).on("acme/shop#42").set("a", "'x'\"y\"").parsed()),
                arguments("up #42 --set a=#43", command(Verb.UP).on("acme/shop#42").set("a", "#43").parsed()),
                arguments("up #42 --set a=--ttl", command(Verb.UP).on("acme/shop#42").set("a", "--ttl").parsed()),
                arguments("up #42 --set=api=https://example.com/v1#top", command(Verb.UP).on("acme/shop#42").set("api", "https://example.com/v1#top").parsed()),
                arguments("up #42 --set api=../../etc/passwd", command(Verb.UP).on("acme/shop#42").set("api", "../../etc/passwd").parsed()),
                arguments("up #42 --foo=a/b", answer("\"--foo\" is not an option of \"up\". Use --ttl DURATION or --set key=value.")),
                arguments("down #42 --to=a/b", answer("\"down\" takes no arguments; \"--to=a/b\" is extra.")),
                arguments("up #42 --set a=$(rm -rf /)", answer(UP_EXTRA.formatted("\"-rf\""))),
                arguments("up #42 --set a=&lt;b&gt;&amp;c&amp;lt;", command(Verb.UP).on("acme/shop#42").set("a", "<b>&c&lt;").parsed()),
                arguments("up #42 --set api=<https://example.com/?a=1&amp;b=2>",
                        command(Verb.UP).on("acme/shop#42").set("api", "https://example.com/?a=1&b=2").parsed()),
                arguments("up #42 --set host=<http://example.com|example.com>", command(Verb.UP).on("acme/shop#42").set("host", "example.com").parsed()),
                arguments("up #42 --set mail=<mailto:ops@example.com|ops@example.com>",
                        command(Verb.UP).on("acme/shop#42").set("mail", "ops@example.com").parsed()));
    }

    static Stream<Arguments> otherArguments() {
        return Stream.of(
                arguments("down #42", command(Verb.DOWN).on("acme/shop#42").parsed()),
                arguments("down #42 now", answer("\"down\" takes no arguments; \"now\" is extra.")),
                arguments("down #42 --force", answer("\"down\" takes no arguments; \"--force\" is extra.")),
                arguments("unpin #42 2d", answer("\"unpin\" takes no arguments; \"2d\" is extra.")),
                arguments("status #42 please", answer("\"status\" takes no arguments; \"please\" is extra.")),
                arguments("pin #42", command(Verb.PIN).on("acme/shop#42").parsed()),
                arguments("pin #42 12h", command(Verb.PIN).on("acme/shop#42").lasting(Duration.ofHours(12)).parsed()),
                arguments("pin 12h #42", command(Verb.PIN).on("acme/shop#42").lasting(Duration.ofHours(12)).parsed()),
                arguments("pin #42 12h 1d", answer("\"pin\" takes at most one duration; \"1d\" is extra. Use /preview pin or /preview pin 12h.")),
                arguments("pin #42 12h forever", answer("\"pin\" takes at most one duration; \"forever\" is extra. Use /preview pin or /preview pin 12h.")),
                arguments("pin #42 forever", answer("\"forever\" is not a duration. Use 90m, 12h, 2d or 1d12h.")),
                arguments("pin #42 --ttl 1d", answer("\"--ttl\" is not an option of \"pin\". Use /preview pin or /preview pin 12h.")),
                arguments("extend #42", command(Verb.EXTEND).on("acme/shop#42").parsed()),
                arguments("extend #42 1d12h", command(Verb.EXTEND).on("acme/shop#42").lasting(Duration.ofHours(36)).parsed()),
                arguments("extend #42 0m", answer("\"0m\" is not a duration. Use 90m, 12h, 2d or 1d12h.")),
                arguments("extend #42 9m", answer("\"9m\" is too short. Durations start at 10m.")),
                arguments("extend #42 -1h", answer("\"-1h\" is not a duration. Use 90m, 12h, 2d or 1d12h.")),
                arguments("extend #42 1h1d", answer("\"1h1d\" is not a duration. Use 90m, 12h, 2d or 1d12h.")),
                arguments("extend #42 --by=1d", answer("\"--by\" is not an option of \"extend\". Use /preview extend or /preview extend 1d.")),
                arguments("list", command(Verb.LIST).parsed()),
                arguments("list acme/web", command(Verb.LIST).of("acme/web").parsed()),
                arguments("list acme/web#1", answer("\"acme/web#1\" is not a repository. Use /preview list owner/repo.")),
                arguments("list ../etc", answer("\"../etc\" is not a repository. Use /preview list owner/repo.")),
                arguments("list acme/web ../etc", answer("\"list\" takes at most one repository; \"../etc\" is extra. Use /preview list or /preview list owner/repo.")),
                arguments("list acme/web acme/shop", answer("\"list\" takes at most one repository; \"acme/shop\" is extra. Use /preview list or /preview list owner/repo.")),
                arguments("list --all", answer("\"--all\" is not an option of \"list\". Use /preview list or /preview list owner/repo.")));
    }

    static Stream<Arguments> unicode() {
        return Stream.of(
                arguments("up\u00A0#42\u2003--ttl\u202F12h\u3000", command(Verb.UP).on("acme/shop#42").lasting(Duration.ofHours(12)).parsed()),
                arguments("\u2028up\u2029#42\u0085", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("ｕｐ #42", answer("Unknown command \"ｕｐ\". Did you mean \"up\"? Try /preview help.")),
                arguments("ＤＯＷＮ #42", answer("Unknown command \"ＤＯＷＮ\". Did you mean \"down\"? Try /preview help.")),
                arguments("🚀 #42", answer("Unknown command \"🚀\". Try /preview help.")),
                arguments("למעלה #42", answer("Unknown command \"למעלה\". Try /preview help.")),
                arguments("up #42 --set greeting=שלום", command(Verb.UP).on("acme/shop#42").set("greeting", "שלום").parsed()),
                arguments("up #42 --set emoji=🚀👩‍💻", command(Verb.UP).on("acme/shop#42").set("emoji", "🚀👩‍💻").parsed()),
                arguments("up #42 \u202Eevil", answer(UP_EXTRA.formatted("\"\uFFFDevil\""))),
                arguments("up\u200B #42", answer("Unknown command \"up\u200B\". Did you mean \"up\"? Try /preview help.")),
                arguments("extend #42 ２ｄ", answer("\"２ｄ\" is not a duration. Use 90m, 12h, 2d or 1d12h.")),
                arguments("up #42 " + LONG, answer(UP_EXTRA.formatted("\"" + FORTY + "…\""))),
                arguments("up #42 " + "🚀".repeat(50), answer(UP_EXTRA.formatted("\"" + "🚀".repeat(40) + "…\""))));
    }

    static Stream<Arguments> withoutChannelRepository() {
        return Stream.of(
                arguments("up acme/shop#42", command(Verb.UP).on("acme/shop#42").parsed()),
                arguments("up", answer("Which pull request? Use /preview up owner/repo#123.")),
                arguments("deploy --ttl 1d", answer("Which pull request? Use /preview up owner/repo#123.")),
                arguments("up #42", answer("Which pull request? Use /preview up owner/repo#123.")),
                arguments("status", answer("Which pull request? Use /preview status owner/repo#123.")),
                arguments("extend 2d", answer("Which pull request? Use /preview extend owner/repo#123.")),
                arguments("list", command(Verb.LIST).parsed()),
                arguments("help", command(Verb.HELP).parsed()));
    }

    @Test
    void overridesKeepTheOrderTheyWereTyped() {
        ParseResult result = parser.parseSlash("up #42 --set z=1 --set a=2 --set m=3 --set a=4", SHOP);

        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        assertThat(((ParseResult.Parsed) result).command().overrides())
                .containsExactly(java.util.Map.entry("z", "1"), java.util.Map.entry("a", "4"), java.util.Map.entry("m", "3"));
    }
}
