package dev.runbot.bot.github.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.provisioner.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A token per installation, reused while it has more than five minutes left. */
class InstallationTokensTest {

    static final Instant START = Instant.parse("2024-04-14T16:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final List<Long> issued = new ArrayList<>();
    final InstallationTokens tokens = new InstallationTokens(this::issue, clock);

    @Test
    void aTokenIsReusedUntilFiveMinutesBeforeItsExpiry() throws IOException {
        assertThat(tokens.token(7)).isEqualTo("t1-for-7");
        clock.set(START.plus(Duration.ofMinutes(55)).minusSeconds(1));
        assertThat(tokens.token(7)).isEqualTo("t1-for-7");

        clock.set(START.plus(Duration.ofMinutes(55)));
        assertThat(tokens.token(7)).isEqualTo("t2-for-7");
        assertThat(issued).containsExactly(7L, 7L);
    }

    @Test
    void eachInstallationHasItsOwnToken() throws IOException {
        assertThat(tokens.token(7)).isEqualTo("t1-for-7");
        assertThat(tokens.token(8)).isEqualTo("t2-for-8");
        assertThat(tokens.token(7)).isEqualTo("t1-for-7");
        assertThat(issued).containsExactly(7L, 8L);
    }

    @Test
    void aTokenPrintsWithoutItsSecret() {
        assertThat(new InstallationTokens.Token("ghs_secret", START)).hasToString("Token[expiresAt=" + START + "]");
    }

    private InstallationTokens.Token issue(long installation) {
        issued.add(installation);
        return new InstallationTokens.Token("t" + issued.size() + "-for-" + installation, clock.instant().plus(Duration.ofHours(1)));
    }
}
