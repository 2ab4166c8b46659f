package dev.runbot.provisioner;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Replaces the system clock in tests with one that only moves when told to. */
@Factory
public class TestClockFactory {

    public static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @Singleton
    @Replaces(factory = ClockFactory.class, bean = Clock.class)
    MutableClock clock() {
        return new MutableClock(START);
    }
}
