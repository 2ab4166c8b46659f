package dev.runbot.bot.bench;

import dev.runbot.provisioner.DirectoryTrees;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator's process costs: the packaged {@code runbot.jar}, spawned with {@code java -jar}
 * and the JVM options of the image on the embedded defaults, timed from process start to its first
 * ready answer, and its resident memory ({@code VmRSS}) idle and holding 1,000 live environments
 * made through its own command API after a reconcile pass over them.
 */
public final class PackagedJarBenchmark {

    /** Starts timed before the one that also measures memory, and the time they may take together. */
    private static final int STARTS = 9;
    private static final Duration STARTS_BUDGET = Duration.ofSeconds(90);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final int RSS_SAMPLES = 5;
    private static final int ENVIRONMENTS = 1_000;

    private PackagedJarBenchmark() {
    }

    /**
     * Runs this part alone, from the bot module or the checkout: {@code java -cp <test classpath>
     * dev.runbot.bot.bench.PackagedJarBenchmark} after {@code package}.
     */
    public static void main(String[] args) throws Exception {
        Path jar = packagedJar();
        Jvm jvm = ImageJvm.of(jar.getParent().resolve("../..").normalize());
        System.out.println("runbot.jar runs with " + jvm.describe());
        System.out.println(Samples.header());
        run(jar, jvm).forEach(samples -> System.out.println(samples.row()));
    }

    /**
     * The jar {@code package} made: {@code runbot.bench.jar} when set (the benchmark profile sets it),
     * else {@code target/runbot.jar} from the bot module or {@code bot/target/runbot.jar} from the checkout.
     */
    static Path packagedJar() {
        String set = System.getProperty("runbot.bench.jar");
        Path fromModule = Path.of("target", "runbot.jar").toAbsolutePath();
        Path jar = set != null ? Path.of(set).toAbsolutePath().normalize()
                : Files.isRegularFile(fromModule) ? fromModule : Path.of("bot", "target", "runbot.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged jar at \"" + jar + "\": run the benchmark as"
                    + " ./mvnw -q -pl bot -am -Pbenchmark -DskipTests verify, whose package phase builds it");
        }
        return jar;
    }

    /**
     * The JVM the jar runs on: {@code toolOptions} go in through {@code JAVA_TOOL_OPTIONS}, as the
     * image sets them; {@code where} says in a few words where they come from.
     */
    record Jvm(Path java, String toolOptions, String where) {

        /** The options, and the heap and collector this JVM picks from them on this machine (its final flags). */
        String describe() throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:+PrintFlagsFinal", "-version")
                    .redirectErrorStream(true);
            builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
            Process flags = builder.start();
            String text;
            try {
                flags.getOutputStream().close();
                text = new String(flags.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                if (!flags.waitFor(30, TimeUnit.SECONDS)) {
                    flags.destroyForcibly();
                }
            }
            String collector = flag(text, "UseSerialGC").equals("true") ? "Serial"
                    : flag(text, "UseParallelGC").equals("true") ? "Parallel"
                    : flag(text, "UseG1GC").equals("true") ? "G1"
                    : flag(text, "UseZGC").equals("true") ? "Z" : "?";
            return String.format(Locale.ROOT, "JAVA_TOOL_OPTIONS=\"%s\" (%s) -> initial heap %s, max heap %s, %s GC,"
                            + " %d CPUs", toolOptions, where, mebibytes(flag(text, "InitialHeapSize")),
                    mebibytes(flag(text, "MaxHeapSize")), collector, Runtime.getRuntime().availableProcessors());
        }

        private static String flag(String flags, String name) {
            Matcher matcher = Pattern.compile("\\s" + name + "\\s+=\\s+(\\S+)").matcher(flags);
            return matcher.find() ? matcher.group(1) : "?";
        }

        private static String mebibytes(String bytes) {
            try {
                return String.format(Locale.ROOT, "%,d MiB", Long.parseLong(bytes) / (1024 * 1024));
            } catch (NumberFormatException e) {
                return "?";
            }
        }
    }

    /**
     * Start times of up to {@value #STARTS} + 1 fresh processes, then the memory of the last one,
     * idle and with {@value #ENVIRONMENTS} environments.
     */
    static List<Samples> run(Path jar, Jvm jvm) throws Exception {
        Samples startup = new Samples("start to ready, java -jar runbot.jar (fresh data dir)", STARTS + 1);
        long budget = System.nanoTime() + STARTS_BUDGET.toNanos();
        for (int i = 0; i < STARTS && System.nanoTime() < budget; i++) {
            try (Spawned runbot = Spawned.start(jar, jvm, Map.of())) {
                startup.add(runbot.startedInNanos());
                runbot.finished();
            }
        }
        Samples idle = new Samples("resident memory (VmRSS), idle " + SETTLE.toSeconds() + " s after ready",
                Samples.Unit.BYTES, RSS_SAMPLES);
        Samples loaded = new Samples("resident memory (VmRSS), " + String.format(Locale.ROOT, "%,d", ENVIRONMENTS)
                + " live environments", Samples.Unit.BYTES, RSS_SAMPLES);
        // A short interval, so a full reconcile pass runs over all the environments soon after they exist.
        try (Spawned runbot = Spawned.start(jar, jvm, Map.of("runbot.reconcile.interval", "2s"))) {
            startup.add(runbot.startedInNanos());
            Thread.sleep(SETTLE.toMillis());
            sampleResidentMemory(runbot, idle);
            createEnvironments(runbot);
            double passes = runbot.metric("runbot_reconcile_pass_seconds_count");
            // Two more completions: the second began after the last environment existed.
            runbot.awaitMetric("runbot_reconcile_pass_seconds_count", count -> count >= passes + 2,
                    "two reconcile passes after the last environment was made");
            runbot.awaitMetric("runbot_outbox_pending", count -> count == 0, "the outbox to drain");
            Thread.sleep(Duration.ofSeconds(2).toMillis());
            sampleResidentMemory(runbot, loaded);
            runbot.finished();
        }
        return List.of(startup, idle, loaded);
    }

    /** {@code /preview up} on {@value #ENVIRONMENTS} pull requests through the command API, two at a time. */
    private static void createEnvironments(Spawned runbot) throws Exception {
        CommandApi api = new CommandApi(runbot.base(), Files.readString(runbot.dataDir().resolve("api-token")).strip());
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                done.add(clients.submit(() -> {
                    for (int number = next.getAndIncrement(); number <= ENVIRONMENTS; number = next.getAndIncrement()) {
                        api.command("/preview up", number);
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        runbot.awaitMetric("runbot_environments{state=\"ready\"}", count -> count == ENVIRONMENTS,
                ENVIRONMENTS + " environments ready");
    }

    /** {@link #RSS_SAMPLES} readings one second apart; none where {@code /proc} is missing (not Linux). */
    private static void sampleResidentMemory(Spawned runbot, Samples samples) throws Exception {
        for (int i = 0; i < RSS_SAMPLES; i++) {
            OptionalLong rss = runbot.residentBytes();
            if (rss.isEmpty()) {
                return;
            }
            samples.add(rss.getAsLong());
            Thread.sleep(1_000);
        }
    }

    /**
     * One runbot process on a free port with a fresh data dir, killed with everything it started when
     * closed, or when this JVM exits first.
     */
    private static final class Spawned implements AutoCloseable {

        private static final Pattern METRIC_LINE = Pattern.compile("^(\\S+?)(?:\\{(.*)})?\\s+(\\S+)$");

        private final Process process;
        private final Path dir;
        private final Path dataDir;
        private final Path log;
        private final URI base;
        private final Thread killer;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private long startedInNanos;
        private boolean finished;

        private Spawned(Process process, Path dir, Path log, URI base, Thread killer) {
            this.process = process;
            this.dir = dir;
            this.dataDir = dir.resolve("data");
            this.log = log;
            this.base = base;
            this.killer = killer;
        }

        /** Starts the jar with {@code settings} as system properties and waits until it is ready. */
        static Spawned start(Path jar, Jvm jvm, Map<String, String> settings) throws Exception {
            Path dir = Files.createTempDirectory("runbot-bench-jar");
            Path dataDir = dir.resolve("data");
            Path log = dir.resolve("runbot.log");
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(jvm.java().toString(),
                    "-Drunbot.data-dir=" + dataDir, "-Dmicronaut.server.port=" + port,
                    // The embedded defaults, whatever kubeconfig this machine has: manifests go to disk.
                    "-Drunbot.kubernetes.dry-run=true"));
            settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("RUNBOT_") || name.startsWith("MICRONAUT_")
                    || name.startsWith("DATASOURCES_") || name.equals("KUBECONFIG") || name.equals("JDK_JAVA_OPTIONS"));
            environment.put("JAVA_TOOL_OPTIONS", jvm.toolOptions());
            long t0 = System.nanoTime();
            Process process = builder.start();
            Thread killer = new Thread(() -> kill(process), "kill runbot " + process.pid());
            Runtime.getRuntime().addShutdownHook(killer);
            Spawned spawned = new Spawned(process, dir, log, URI.create("http://127.0.0.1:" + port), killer);
            try {
                spawned.awaitReady(t0);
                return spawned;
            } catch (Exception | Error e) {
                spawned.close();
                throw e;
            }
        }

        URI base() {
            return base;
        }

        Path dataDir() {
            return dataDir;
        }

        /** Everything asked of this process was done: its files need not outlive it. */
        void finished() {
            finished = true;
        }

        long startedInNanos() {
            return startedInNanos;
        }

        /** {@code VmRSS} of the process from {@code /proc/<pid>/status}; empty off Linux. */
        OptionalLong residentBytes() throws IOException {
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            if (!Files.isReadable(status)) {
                return OptionalLong.empty();
            }
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
            throw new IllegalStateException(status + " has no VmRSS line");
        }

        /** The value of one series at {@code /prometheus}, as {@code name} or {@code name{label="value"}}. */
        double metric(String series) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /prometheus answered " + response.statusCode());
            }
            String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            String label = series.contains("{") ? series.substring(series.indexOf('{') + 1, series.length() - 1) : "";
            for (String line : response.body().lines().toList()) {
                Matcher matcher = METRIC_LINE.matcher(line);
                if (matcher.matches() && matcher.group(1).equals(name)
                        && (label.isEmpty() || (matcher.group(2) != null && matcher.group(2).contains(label)))) {
                    return Double.parseDouble(matcher.group(3));
                }
            }
            throw new IllegalStateException("/prometheus has no series " + series + "; the benchmark reads it to know"
                    + " when runbot has done its work");
        }

        /** Polls {@code /prometheus} every 100 ms, for at most two minutes, until {@code series} passes {@code test}. */
        void awaitMetric(String series, DoublePredicate test, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            double last = metric(series);
            while (!test.test(last)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("waited for " + what + ", but " + series + " stayed at " + last
                            + (process.isAlive() ? "" : " and runbot exited") + "; its log: " + log);
                }
                Thread.sleep(100);
                last = metric(series);
            }
        }

        private void awaitReady(long t0) throws Exception {
            HttpRequest readiness = HttpRequest.newBuilder(base.resolve("/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build();
            long deadline = t0 + READY_TIMEOUT.toNanos();
            while (true) {
                try {
                    HttpResponse<Void> answer = http.send(readiness, HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() == 200) {
                        startedInNanos = System.nanoTime() - t0;
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet, or closed the connection while starting.
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("runbot.jar exited with " + process.exitValue()
                            + " before it was ready; its log: " + log + "\n" + tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("runbot.jar was not ready within " + READY_TIMEOUT.toSeconds()
                            + " s at " + base.resolve("/health/readiness") + "; its log: " + log + "\n" + tail());
                }
                Thread.sleep(5);
            }
        }

        private String tail() throws IOException {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }

        /** Kills the process; its files go too once it has {@link #finished()}, else its log stays to tell why not. */
        @Override
        public void close() throws IOException {
            kill(process);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; it kills the same process.
            }
            if (finished && !process.isAlive()) {
                DirectoryTrees.delete(dir);
            }
        }

        /** Asks the process to stop, as Kubernetes does, and kills it and anything it started after 15 s. */
        private static void kill(Process process) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
