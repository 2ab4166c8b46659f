package dev.runbot.bot.github.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what GitHub said for a while, so runbot does not ask again for every call. Two threads
 * missing at once may both load; the later answer wins, which is harmless for what is kept here.
 */
final class ExpiringCache<K, V> {

    /** Fetches the value on a miss. */
    @FunctionalInterface
    interface Loader<V> {
        V load() throws IOException;
    }

    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    ExpiringCache(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    V get(K key, Loader<V> loader) throws IOException {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.value();
        }
        entries.values().removeIf(old -> !now.isBefore(old.expires()));
        V value = loader.load();
        entries.put(key, new Entry<>(value, now.plus(lifetime)));
        return value;
    }
}
