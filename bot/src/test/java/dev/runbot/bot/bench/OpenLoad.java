package dev.runbot.bot.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests at a fixed rate whatever the answers do (open loop) and times each from when it
 * was due, not from when it went out, so a stall in the server cannot hide behind a slow client.
 */
final class OpenLoad {

    private OpenLoad() {
    }

    /** @param warm how many of the first requests are not measured; every answer must have {@code status} */
    static Samples run(String name, List<HttpRequest> requests, int perSecond, int warm, int status) throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
        int total = requests.size();
        long[] latencies = new long[total];
        AtomicInteger unexpected = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        try {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                int index = i;
                pending.add(http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding())
                        .thenAccept(response -> {
                            latencies[index] = System.nanoTime() - due;
                            if (response.statusCode() != status) {
                                unexpected.incrementAndGet();
                            }
                        }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } finally {
            clientThreads.shutdown();
        }
        if (unexpected.get() > 0) {
            throw new IllegalStateException(unexpected.get() + " requests of \"" + name + "\" were not answered " + status);
        }
        Samples samples = new Samples(name, total - warm);
        for (int i = warm; i < total; i++) {
            samples.add(latencies[i]);
        }
        return samples;
    }
}
