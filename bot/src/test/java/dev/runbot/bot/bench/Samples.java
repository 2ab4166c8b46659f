package dev.runbot.bot.bench;

import java.util.Arrays;
import java.util.Locale;

/** Measurements of one figure (latencies, resident memory or call counts), reported as one row of percentiles. */
final class Samples {

    /** What the measured values are, which decides how a row prints them. */
    enum Unit {
        NANOS, BYTES, COUNT
    }

    private static final String ROW = "%-56s %6s %10s %10s %10s %10s  %s";

    private final String name;
    private final Unit unit;
    private long[] values;
    private int count;
    private String target = "";

    Samples(String name, int capacity) {
        this(name, Unit.NANOS, capacity);
    }

    Samples(String name, Unit unit, int capacity) {
        this.name = name;
        this.unit = unit;
        this.values = new long[Math.max(1, capacity)];
    }

    /** One measured step; {@code i} tells steps apart. */
    @FunctionalInterface
    interface Step {
        void run(int i) throws Exception;
    }

    /** Runs {@code step} {@code warmUp} times unmeasured, then {@code runs} times measured. */
    static Samples time(String name, int warmUp, int runs, Step step) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            step.run(i);
        }
        Samples samples = new Samples(name, runs);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            step.run(warmUp + i);
            samples.add(System.nanoTime() - t0);
        }
        return samples;
    }

    /** One measured value, in this figure's unit. */
    void add(long value) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
    }

    /** The target the issues set for this figure, printed in the last column. */
    Samples target(String text) {
        target = text;
        return this;
    }

    /**
     * One table row: figure, count, p50, p95, p99, max (nearest rank) and the target; "n/a" when
     * nothing could be measured here (resident memory off Linux).
     */
    String row() {
        if (count == 0) {
            return String.format(Locale.ROOT, ROW, name, 0, "n/a", "n/a", "n/a", "n/a", target);
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, ROW, name, String.format(Locale.ROOT, "%,d", count),
                human(percentile(sorted, 50)), human(percentile(sorted, 95)), human(percentile(sorted, 99)),
                human(sorted[count - 1]), target);
    }

    static String header() {
        return String.format(Locale.ROOT, ROW, "figure", "n", "p50", "p95", "p99", "max", "target");
    }

    private static long percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private String human(long value) {
        return switch (unit) {
            case COUNT -> String.format(Locale.ROOT, "%,d", value);
            case BYTES -> String.format(Locale.ROOT, "%.0f MiB", value / (1024.0 * 1024.0));
            case NANOS -> nanos(value);
        };
    }

    private static String nanos(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
