package dev.runbot.provisioner.outbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real store, except that right after {@link Outbox} first looks up the undelivered message
 * of a key, {@code meanwhile} runs, as another thread or replica would: the race of a payload
 * replaced while it is delivered or claimed, made to happen every time.
 */
final class RacingStore {

    private RacingStore() {
    }

    static OutboxStore around(OutboxStore store, Runnable meanwhile) {
        AtomicBoolean raced = new AtomicBoolean();
        return (OutboxStore) Proxy.newProxyInstance(OutboxStore.class.getClassLoader(),
                new Class<?>[] {OutboxStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("findByCoalesceKeyAndDeliveredAtIsNull") && raced.compareAndSet(false,
                            true)) {
                        meanwhile.run();
                    }
                    return result;
                });
    }
}
