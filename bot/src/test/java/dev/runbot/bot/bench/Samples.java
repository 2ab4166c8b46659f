package dev.runbot.bot.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one measured operation, reported as percentiles. */
final class Samples {

    private final String name;
    private final long[] nanos;
    private int count;
    private String note = "";

    Samples(String name, int capacity) {
        this.name = name;
        this.nanos = new long[capacity];
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

    void add(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    /** A line printed under the row: what besides time was counted, e.g. calls to GitHub. */
    Samples note(String text) {
        note = text;
        return this;
    }

    /** The row, and its note when it has one. */
    String report() {
        return note.isEmpty() ? row() : row() + System.lineSeparator() + "    " + note;
    }

    /** One table row: operation, count, p50, p95, p99, max, and operations per second at the median. */
    String row() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        String perSecond = count > 1
                ? String.format(Locale.ROOT, "%.0f", 1e9 / Math.max(1, percentile(sorted, 50))) : "-";
        return String.format(Locale.ROOT, "%-46s %7d %10s %10s %10s %10s %12s", name, count,
                human(percentile(sorted, 50)), human(percentile(sorted, 95)), human(percentile(sorted, 99)),
                human(sorted[count - 1]), perSecond);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-46s %7s %10s %10s %10s %10s %12s", "operation", "n", "p50", "p95", "p99",
                "max", "ops/s @p50");
    }

    private static long percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String human(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
