package dev.runbot.bot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cost arithmetic: requested cores and GiB times their prices, for a day and for the time lived. */
class CostSettingsTest {

    static final CostSettings DEFAULTS = new CostSettings(new BigDecimal("18.00"), new BigDecimal("6.80"), "USD");
    /** The app's 300m and 512Mi plus one PostgreSQL's 250m and 256Mi, as the provisioner sums them. */
    static final Resources STANDARD = Resources.of("550m", "768Mi");

    @Test
    void theStandardEnvironmentCostsFifteenADayAtTheDefaultPrices() {
        assertThat(DEFAULTS.format(DEFAULTS.perDay(STANDARD))).isEqualTo("15.00 USD");
    }

    @Test
    void perDayIsCoresTimesTheCorePricePlusGibTimesTheMemoryPrice() {
        CostSettings prices = new CostSettings(new BigDecimal("10"), new BigDecimal("2"), "eur");

        assertThat(prices.perDay(Resources.of("2", "4Gi"))).isEqualByComparingTo("28");
        assertThat(prices.perDay(Resources.of("250m", "512Mi"))).isEqualByComparingTo("3.5");
        assertThat(prices.format(prices.perDay(Resources.of("250m", "512Mi")))).isEqualTo("3.50 EUR");
    }

    @Test
    void soFarIsPerDayTimesTheTimeLived() {
        assertThat(DEFAULTS.soFar(STANDARD, Duration.ofDays(2))).isEqualByComparingTo("30");
        assertThat(DEFAULTS.format(DEFAULTS.soFar(STANDARD, Duration.ofHours(6)))).isEqualTo("3.75 USD");
        assertThat(DEFAULTS.soFar(STANDARD, Duration.ZERO)).isEqualByComparingTo("0");
        assertThat(DEFAULTS.soFar(STANDARD, Duration.ofHours(-1))).isEqualByComparingTo("0");
    }

    @Test
    void negativePricesAreRefusedNamingTheSettings() {
        assertThatThrownBy(() -> new CostSettings(new BigDecimal("-1"), BigDecimal.ONE, "USD"))
                .hasMessageContaining("runbot.cost.cpu-core-day (-1)").hasMessageContaining("18.00 and 6.80");
    }

    @Test
    void quantitiesAreReadAsKubernetesWritesThem() {
        assertThat(Resources.of("550m", "768Mi")).isEqualTo(new Resources(550, 768L << 20));
        assertThat(Resources.of("2", "3Gi")).isEqualTo(new Resources(2000, 3L << 30));
        assertThat(Resources.of("1.5", "1G")).isEqualTo(new Resources(1500, 1_000_000_000L));
        assertThat(Resources.of("100m", "134217728")).isEqualTo(new Resources(100, 128L << 20));
        assertThat(STANDARD.label()).isEqualTo("0.55 CPU, 768 MiB");
        assertThatThrownBy(() -> Resources.of("lots", "512Mi")).hasMessageContaining("\"lots\"");
    }
}
