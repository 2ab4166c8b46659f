package dev.runbot.provisioner.environment;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Stores a duration as whole seconds, which every database handles the same way. */
@Singleton
public final class DurationConverter implements AttributeConverter<Duration, Long> {

    @Override
    public Long convertToPersistedValue(Duration duration, ConversionContext context) {
        return duration == null ? null : duration.toSeconds();
    }

    @Override
    public Duration convertToEntityValue(Long seconds, ConversionContext context) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }
}
