package dev.runbot.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1} minutes")
    @CsvSource({
            "90m,     90",
            "12h,     720",
            "2d,      2880",
            "1d12h,   2160",
            "1d2h30m, 1590",
            "1D12H,   2160",
            "10m,     10",
            "1m,      1",
            "1h90m,   150",
            "0d1h,    60",
            "001h,    60",
            "365d,    525600",
            "8760h,   525600",
            "364d23h60m, 525600",
    })
    void readsWhatPeopleType(String typed, long minutes) {
        assertThat(Durations.parse(typed)).contains(Duration.ofMinutes(minutes));
    }

    @ParameterizedTest(name = "\"{0}\" is not a duration")
    @NullAndEmptySource
    @ValueSource(strings = {
            "0m", "0d0h0m", "m", "d", "12", "1h1d", "1m1h", "1d1d", "1h1h", "1x", "1s", "1w", "-1h", "+1h", " 1h", "1h ",
            "1 h", "1d 12h", "1.5h", "1,5h", "1h30", "PT1H", "1hh", "h1", "１ｈ", "٣h", "1\u00A0h", "366d", "365d1m",
            "8761h", "525601m", "9999999999m", "99999999999999999999d", "2147483648h", "1e3m",
    })
    void refusesEverythingElse(String typed) {
        assertThat(Durations.parse(typed)).isEmpty();
    }

    @ParameterizedTest(name = "{0} minutes show as {1}")
    @CsvSource({
            "10,     10m",
            "59,     59m",
            "60,     1h",
            "90,     1h30m",
            "1440,   24h",
            "2160,   36h",
            "2880,   48h",
            "4319,   71h59m",
            "4320,   3d",
            "10080,  7d",
            "5040,   3d12h",
            "4350,   3d30m",
            "5071,   3d12h31m",
            "525600, 365d",
            "0,      0m",
    })
    void showsDurationsTheWayPeopleTypeThem(long minutes, String shown) {
        assertThat(Durations.format(Duration.ofMinutes(minutes))).isEqualTo(shown);
    }

    @Test
    void dropsSecondsWhenShowing() {
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m");
        assertThat(Durations.format(Duration.ofSeconds(59))).isEqualTo("0m");
    }

    @Test
    void refusesToShowANegativeDuration() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.format(Duration.ofMinutes(-5)))
                .withMessage("a duration to show people cannot be negative: PT-5M");
    }

}
