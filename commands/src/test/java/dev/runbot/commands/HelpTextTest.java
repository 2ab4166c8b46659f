package dev.runbot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The help people read, checked against golden files beside this test. */
class HelpTextTest {

    private final CommandParser parser = new CommandParser("runbot");

    @Test
    void theOverviewShowsEveryVerbWithExamples() throws IOException {
        Reply overview = HelpText.overview();

        assertThat(overview.outcome()).isEqualTo(Reply.Outcome.INFO);
        assertThat(rendered(overview)).isEqualTo(golden("overview.txt"));
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void eachVerbHasItsOwnPage(Verb verb) throws IOException {
        Reply about = HelpText.about(verb);

        assertThat(about.outcome()).isEqualTo(Reply.Outcome.INFO);
        assertThat(rendered(about)).isEqualTo(golden("about-" + verb.word() + ".txt"));
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void everyExampleOfAVerbRunsThatVerb(Verb verb) {
        List<String> examples = examples(HelpText.about(verb));

        assertThat(examples).isNotEmpty().allSatisfy(example ->
                assertThat(parser.parseText(example, Optional.of(Expected.pr("acme/shop#42"))))
                        .isInstanceOfSatisfying(ParseResult.Parsed.class, parsed -> assertThat(parsed.command().verb()).isEqualTo(verb)));
    }

    @Test
    void everyExampleOfTheOverviewIsACommand() {
        assertThat(examples(HelpText.overview())).isNotEmpty().allSatisfy(example ->
                assertThat(parser.parseText(example, Optional.of(Expected.pr("acme/shop#42")))).isInstanceOf(ParseResult.Parsed.class));
    }

    private static List<String> examples(Reply help) {
        List<String> lines = Arrays.asList(help.text().split("\n"));
        return lines.subList(lines.indexOf("Examples:") + 1, lines.size());
    }

    private static String rendered(Reply help) {
        return help.title() + "\n\n" + help.text() + "\n";
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = HelpTextTest.class.getResourceAsStream("HelpTextTest/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
