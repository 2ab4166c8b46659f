package dev.runbot.bot.github.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.provisioner.MutableClock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The JWT's clock handling, and that the signer prints without its key. */
class AppJwtTest {

    final MutableClock clock = new MutableClock(Instant.parse("2024-04-14T16:00:00Z"));
    final AppJwt jwt = new AppJwt(123456, TestKeys.APP_KEY.getPrivate(), clock);

    @Test
    void followsTheClock() {
        String first = claims(jwt.create());
        clock.set(Instant.parse("2024-04-14T16:10:00Z"));
        String later = claims(jwt.create());

        long now = Instant.parse("2024-04-14T16:10:00Z").getEpochSecond();
        assertThat(later).isEqualTo("{\"iat\":%d,\"exp\":%d,\"iss\":\"123456\"}".formatted(now - 60, now + 540));
        assertThat(first).isNotEqualTo(later);
    }

    @Test
    void printsOnlyTheAppId() {
        assertThat(jwt).hasToString("AppJwt[app=123456]");
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
