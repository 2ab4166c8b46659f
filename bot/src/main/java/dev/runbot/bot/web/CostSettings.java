package dev.runbot.bot.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * What an environment costs, from what it requests ({@code runbot.cost.*}): the dashboard's
 * estimate, not a bill. The defaults price the standard environment (the app's 300m CPU and
 * 512Mi plus one PostgreSQL's 250m and 256Mi: 0.55 cores, 0.75 GiB) at 15.00 a day.
 *
 * @param cpuCoreDay   the price of one requested CPU core for one day
 * @param memoryGibDay the price of one requested GiB of memory for one day
 * @param currency     the currency code shown beside every amount
 */
@ConfigurationProperties("runbot.cost")
public record CostSettings(
        @Bindable(defaultValue = "18.00") BigDecimal cpuCoreDay,
        @Bindable(defaultValue = "6.80") BigDecimal memoryGibDay,
        @Bindable(defaultValue = "USD") String currency) {

    private static final BigDecimal MILLICORES_PER_CORE = BigDecimal.valueOf(1000);
    private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1L << 30);
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(Duration.ofDays(1).toSeconds());

    public CostSettings {
        if (cpuCoreDay.signum() < 0 || memoryGibDay.signum() < 0) {
            throw new IllegalStateException("runbot.cost.cpu-core-day (" + cpuCoreDay + ") and"
                    + " runbot.cost.memory-gib-day (" + memoryGibDay + ") must be 0 or more, e.g. 18.00 and 6.80");
        }
    }

    /** Requested cores × the core price + requested GiB × the memory price. */
    public BigDecimal perDay(Resources requested) {
        BigDecimal cores = BigDecimal.valueOf(requested.millicores()).divide(MILLICORES_PER_CORE);
        BigDecimal gib = BigDecimal.valueOf(requested.memoryBytes()).divide(BYTES_PER_GIB);
        return cores.multiply(cpuCoreDay).add(gib.multiply(memoryGibDay));
    }

    /** The price per day times the days (and fractions of a day) it has been live. */
    public BigDecimal soFar(Resources requested, Duration live) {
        BigDecimal days = BigDecimal.valueOf(Math.max(0, live.toSeconds()))
                .divide(SECONDS_PER_DAY, 10, RoundingMode.HALF_UP);
        return perDay(requested).multiply(days);
    }

    /** An amount as people read it: {@code 15.00 USD}. */
    public String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency.toUpperCase(Locale.ROOT);
    }
}
