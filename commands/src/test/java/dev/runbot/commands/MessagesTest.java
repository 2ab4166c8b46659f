package dev.runbot.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How text a person typed looks when runbot quotes it back. */
class MessagesTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("quotes")
    void quotesAtMostFortyCharactersOfReadableText(String typed, String quoted) {
        assertThat(Messages.quote(typed)).isEqualTo(quoted);
    }

    static Stream<Arguments> quotes() {
        return Stream.of(
                arguments("", "\"\""),
                arguments("dwon", "\"dwon\""),
                arguments("a".repeat(40), "\"" + "a".repeat(40) + "\""),
                arguments("a".repeat(41), "\"" + "a".repeat(40) + "…\""),
                arguments("🚀".repeat(41), "\"" + "🚀".repeat(40) + "…\""),
                arguments("bell\u0007", "\"bell\uFFFD\""),
                arguments("\u001B[2Jclear", "\"\uFFFD[2Jclear\""),
                arguments("abc\u202Edef\u2066x\u2069", "\"abc\uFFFDdef\uFFFDx\uFFFD\""),
                arguments("שלום", "\"שלום\""),
                arguments("\uD800", "\"\uD800\""));
    }

    @Test
    void aReasonIsCutToItsLimitWithoutSplittingACharacter() {
        assertThat(Messages.reason("x".repeat(2000), 2000)).isEqualTo("x".repeat(2000));
        assertThat(Messages.reason("x".repeat(2001), 2000)).isEqualTo("x".repeat(1999) + "…");
        assertThat(Messages.reason("x".repeat(1997) + "🚀🚀🚀", 2000)).isEqualTo("x".repeat(1997) + "🚀…");
        assertThat(Messages.reason("x".repeat(1998) + "🚀🚀", 2000)).isEqualTo("x".repeat(1998) + "…");
        assertThat(Messages.reason("", 2000)).isEqualTo("no reason given");
    }
}
