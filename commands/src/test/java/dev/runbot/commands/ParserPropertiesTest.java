package dev.runbot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever anyone types, each channel answers with one of the three results, and answers are readable. */
class ParserPropertiesTest {

    private static final PullRequestRef PR = Expected.pr("acme/shop#42");
    private static final int LONGEST_ANSWER = 300;

    /** Pieces of the grammar, near misses and hostile characters, glued together at random. */
    private static final List<String> FRAGMENTS = List.of(
            "/preview", "/PREVIEW", "/previewx", "@runbot", "@runbot-ci", "up", "deploy", "down", "destroy", "pin", "unpin",
            "extend", "status", "list", "help", "dwon", "ｕｐ", "--ttl", "--TTL", "--ttl=", "--set", "--set=", "—ttl", "--",
            "-", "=", "a=b", "a=", "=b", "image.tag=canary", "a=b,c=d", "a={x}", "a=b\\,c", "$(rm -rf /)", "12h", "1d12h",
            "90m", "0m", "5m", "400d", "99999999999d", "3x", "#42", "#0", "#-1", "#", "acme/shop", "acme/shop#42",
            "acme/shop#99999999999", "../../etc#1", "https://github.com/acme/shop/pull/42", "https://git.example.com/a/b/pull/1/files",
            "<https://github.com/acme/shop/pull/42|PR 42>", "<", ">", "|", "&amp;", "&lt;", "```", "~~~", "> ", "\n", "\r\n",
            " ", "  ", "\t", "\u00A0", "\u2003", "\u3000", "\u200B", "\u202E", "\u0000", "\u001B", "🚀", "שלום", "\uD800",
            "\uDC00", "x".repeat(500));

    private final CommandParser parser = new CommandParser("runbot");

    @Property(tries = 2000)
    void aCommentIsACommandAnAnswerOrNothing(@ForAll("anyText") String body) {
        ParseResult result = parser.parseComment(body, PR);

        assertWellFormed(result);
        String lower = Objects.toString(body, "").toLowerCase(Locale.ROOT);
        if (!lower.contains("/preview") && !lower.contains("@runbot")) {
            assertThat(result).isEqualTo(new ParseResult.Ignored());
        }
        if (result instanceof ParseResult.Parsed parsed) {
            assertThat(parsed.command().target()).contains(PR);
        }
    }

    @Property(tries = 2000)
    void slackAlwaysGetsACommandOrAnAnswer(@ForAll("anyText") String text, @ForAll boolean channelHasRepository) {
        ParseResult result = parser.parseSlash(text, channelHasRepository ? RepositoryName.parse("acme/shop") : Optional.empty());

        assertWellFormed(result);
        assertThat(result).isNotInstanceOf(ParseResult.Ignored.class);
    }

    @Property(tries = 2000)
    void theApiAlwaysGetsACommandOrAnAnswer(@ForAll("anyText") String text, @ForAll boolean pullRequestGiven) {
        ParseResult result = parser.parseText(text, pullRequestGiven ? Optional.of(PR) : Optional.empty());

        assertWellFormed(result);
        assertThat(result).isNotInstanceOf(ParseResult.Ignored.class);
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> glued = Arbitraries.of(FRAGMENTS).list().ofMaxSize(12).map(parts -> String.join("", parts));
        Arbitrary<String> spaced = Arbitraries.of(FRAGMENTS).list().ofMaxSize(8).map(parts -> "/preview " + String.join(" ", parts));
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(200);
        return Arbitraries.oneOf(glued, spaced, anything, Arbitraries.just(null));
    }

    private static void assertWellFormed(ParseResult result) {
        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Answer answer) {
            assertThat(answer.reply().outcome()).isEqualTo(Reply.Outcome.INVALID);
            assertThat(answer.reply().title()).isNotBlank().hasSizeLessThanOrEqualTo(LONGEST_ANSWER);
        } else if (result instanceof ParseResult.Parsed parsed) {
            Command command = parsed.command();
            assertThat(command.target().isPresent() || !TargetRule.needs(command.verb()))
                    .as("%s needs a pull request", command.verb()).isTrue();
            command.duration().ifPresent(duration -> assertThat(duration).isGreaterThanOrEqualTo(Durations.MINIMUM));
        }
    }
}
