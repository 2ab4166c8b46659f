package dev.runbot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class DurationsPropertiesTest {

    @Property
    void whatIsShownReadsBackAsTheSameDuration(@ForAll("typedDurations") String typed) {
        Duration parsed = Durations.parse(typed).orElseThrow();

        assertThat(Durations.parse(Durations.format(parsed))).contains(parsed);
    }

    @Property
    void everyWholeMinuteUpToAYearSurvivesShowingAndReading(@ForAll @LongRange(min = 1, max = 365 * 24 * 60) long minutes) {
        Duration duration = Duration.ofMinutes(minutes);

        assertThat(Durations.parse(Durations.format(duration))).contains(duration);
    }

    @Property(tries = 2000)
    void aDurationIsAtMostAYear(@ForAll("anyUnits") String typed) {
        Durations.parse(typed).ifPresent(duration ->
                assertThat(duration).isPositive().isLessThanOrEqualTo(Duration.ofDays(365)));
    }

    /** d, h and m amounts in order, in either case, filtered to the ones that are durations. */
    @Provide
    Arbitrary<String> typedDurations() {
        return anyUnits().filter(typed -> Durations.parse(typed).isPresent());
    }

    @Provide
    Arbitrary<String> anyUnits() {
        return Combinators.combine(part(400, "d"), part(10_000, "h"), part(600_000, "m"))
                .as((days, hours, minutes) -> days + hours + minutes);
    }

    private static Arbitrary<String> part(int most, String unit) {
        Arbitrary<String> letter = Arbitraries.of(unit, unit.toUpperCase(java.util.Locale.ROOT));
        Arbitrary<String> amount = Combinators.combine(Arbitraries.integers().between(0, most), letter).as((n, u) -> n + u);
        return Arbitraries.oneOf(Arbitraries.just(""), amount);
    }
}
