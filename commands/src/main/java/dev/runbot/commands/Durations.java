package dev.runbot.commands;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: {@code 90m}, {@code 12h}, {@code 2d}, {@code 1d12h}.
 * Units are d, h and m, each at most once, largest first.
 */
public final class Durations {

    /** No duration shorter than this is accepted anywhere. */
    public static final Duration MINIMUM = Duration.ofMinutes(10);

    /** Anything longer is a typo, not a wish; {@link #parse} refuses it before any limit is consulted. */
    static final Duration ABSURD = Duration.ofDays(365);

    /** Without UNICODE_CASE and UNICODE_CHARACTER_CLASS both the letters and {@code \d} stay ASCII. */
    private static final Pattern TYPED = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?", Pattern.CASE_INSENSITIVE);

    /** More digits than this cannot be a sensible amount of any unit, and could overflow. */
    private static final int MAX_DIGITS = 9;

    private Durations() {
    }

    /** Parses {@code text}; empty when it is not a duration (including absurd sizes). */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = TYPED.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long minutes = 0;
        long[] minutesPerUnit = {24 * 60, 60, 1};
        for (int unit = 0; unit < minutesPerUnit.length; unit++) {
            String digits = matcher.group(unit + 1);
            if (digits != null) {
                if (digits.length() > MAX_DIGITS) {
                    return Optional.empty();
                }
                minutes += Long.parseLong(digits) * minutesPerUnit[unit];
            }
        }
        Duration duration = Duration.ofMinutes(minutes);
        return minutes == 0 || duration.compareTo(ABSURD) > 0 ? Optional.empty() : Optional.of(duration);
    }

    /**
     * Formats the way people type durations: whole days from 3 days on ({@code 3d}, {@code 7d}),
     * otherwise hours and minutes ({@code 48h}, {@code 1h30m}, {@code 10m}). Seconds are dropped.
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a duration to show people cannot be negative: " + duration);
        }
        long days = duration.toDays() >= 3 ? duration.toDays() : 0;
        Duration rest = duration.minusDays(days);
        StringBuilder text = new StringBuilder();
        append(text, days, 'd');
        append(text, rest.toHours(), 'h');
        append(text, rest.toMinutesPart(), 'm');
        return text.length() == 0 ? "0m" : text.toString();
    }

    private static void append(StringBuilder text, long amount, char unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
