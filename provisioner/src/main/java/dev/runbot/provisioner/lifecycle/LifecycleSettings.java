package dev.runbot.provisioner.lifecycle;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The lifecycle limits operators set ({@code runbot.lifecycle.*}); defaults from ENVIRONMENT.md.
 *
 * @param ttl           how long an environment lives after its last deploy
 * @param maxLifetime   the latest expiry {@code extend} or {@code --ttl} can reach, from the last deploy
 * @param pinMax        the longest pin
 * @param maxPinned     how many environments may be pinned at once
 * @param extendDefault how far {@code extend} without a duration moves the expiry
 * @param expiryWarning how long before its expiry an unpinned environment's people are warned
 */
@ConfigurationProperties("runbot.lifecycle")
public record LifecycleSettings(
        @Bindable(defaultValue = "72h") Duration ttl,
        @Bindable(defaultValue = "7d") Duration maxLifetime,
        @Bindable(defaultValue = "48h") Duration pinMax,
        @Bindable(defaultValue = "3") int maxPinned,
        @Bindable(defaultValue = "24h") Duration extendDefault,
        @Bindable(defaultValue = "1h") Duration expiryWarning) {
}
