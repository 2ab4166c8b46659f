package dev.runbot.bot;

import dev.runbot.provisioner.ClockFactory;
import dev.runbot.provisioner.MutableClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * For tests that move time by hand ({@code runbot.test.movable-clock=true}): a clock that starts
 * at the real now, so it agrees with the timestamps the Kubernetes test server writes, and
 * moves only when the test says so.
 */
@Factory
@Requires(property = "runbot.test.movable-clock", value = "true")
public class MovableClockFactory {

    @Singleton
    @Replaces(factory = ClockFactory.class, bean = Clock.class)
    MutableClock clock() {
        return new MutableClock(Instant.now());
    }
}
