package dev.runbot.bot.outbox;

import dev.runbot.provisioner.outbox.OutboxWorker;
import jakarta.inject.Provider;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs outbox passes over some destinations on one thread of its own: at once when nudged (work
 * was just queued), and on every tick, so nothing waits for a timer when it need not and nothing
 * is forgotten when a nudge is lost. Nudges during a pass cause exactly one more pass.
 */
public final class OutboxPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPump.class);

    private final String name;
    private final Provider<OutboxWorker> worker;
    private final Predicate<String> takes;
    private final ExecutorService thread;
    private final AtomicBoolean requested = new AtomicBoolean();

    /**
     * @param worker the worker, looked up on the first pass: its deliverers may need this pump
     * @param takes  which destinations this pump passes over
     */
    OutboxPump(String name, Provider<OutboxWorker> worker, Predicate<String> takes) {
        this.name = name;
        this.worker = worker;
        this.takes = takes;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "runbot-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a pass soon; returns at once. */
    public void nudge() {
        if (!requested.getAndSet(true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                LOG.debug("the {} pump is stopping; the work waits for the next start", name);
            }
        }
    }

    private void drain() {
        while (requested.getAndSet(false)) {
            Set<String> destinations = Set.of();
            try {
                destinations = worker.get().destinations().stream().filter(takes).collect(Collectors.toSet());
                worker.get().deliverDue(destinations);
            } catch (RuntimeException e) {
                // The messages stay in the outbox; the next tick tries again.
                LOG.warn("an outbox pass over {} failed; the next tick tries again", destinations, e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
