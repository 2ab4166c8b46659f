package dev.runbot.bot.bench;

import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.commands.CommandParser;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.chart.ChartRenderer;
import dev.runbot.provisioner.chart.DatabaseCredentials;
import dev.runbot.provisioner.chart.RenderRequest;
import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one benchmark command's table: how fast runbot's hot paths are on this machine and what its
 * process costs. Parsing, Helm rendering and commands run over the real HTTP server on loopback with
 * the embedded defaults (H2 file, dry-run cluster) and against fabric8's API server; start-up and
 * resident memory are those of the packaged jar in its own process. Bounded in count and time; every
 * figure is a percentile over many runs after a warm-up. The table is printed once, at the end, also
 * when a step fails (with the rows measured until then).
 */
public final class RunbotBenchmark {

    private static final List<String> TEXTS = List.of(
            "/preview up --ttl 12h --set env.FEATURE_FLAG=on",
            "Looks good!\n\n/preview extend 2d\nthanks",
            "/preview dwon",
            "@runbot pin 24h",
            "/preview up --set a=b,c={d} --ttl 1d12h",
            "no command here, just a review comment that mentions /preview in passing",
            "/preview " + "x".repeat(10_000));

    /** The table's parts, in the order they are printed (the figures first). */
    private enum Part {
        SLACK, GITHUB, CLUSTER, RECONCILE, PROCESS, IN_PROCESS
    }

    private RunbotBenchmark() {
    }

    /**
     * Runs every part. System properties: {@code runbot.bench.jar}, the packaged jar (default
     * {@code target/runbot.jar} of the bot module), and {@code runbot.bench.repository},
     * the checkout whose Dockerfile and chart give the jar's JVM options (default the jar's
     * {@code ../..}).
     */
    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        Path jar = PackagedJarBenchmark.packagedJar();
        Path repository = Path.of(System.getProperty("runbot.bench.repository",
                jar.getParent().resolve("../..").toString())).toAbsolutePath().normalize();
        PackagedJarBenchmark.Jvm jvm = ImageJvm.of(repository);
        Map<Part, List<Samples>> table = new EnumMap<>(Part.class);
        System.out.println("runbot benchmark — " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average " + loadAverage());
        System.out.println("runbot.jar runs with " + jvm.describe());
        try {
            progress(began, "the packaged jar: start to ready, then resident memory idle and with 1,000 environments");
            table.put(Part.PROCESS, PackagedJarBenchmark.run(jar, jvm));
            progress(began, "parsing, rendering and commands on the embedded defaults");
            table.put(Part.IN_PROCESS, inProcess());
            progress(began, "commands against fabric8's API server");
            table.put(Part.CLUSTER, cluster());
            progress(began, "reconcile passes over 1,000 environments");
            table.put(Part.RECONCILE, ReconcileBenchmark.run());
            progress(began, "GitHub webhooks at 100/s, then pull-request checks, comments and closes");
            table.put(Part.GITHUB, GitHubBenchmark.run());
            progress(began, "Slack slash commands at 100/s");
            table.put(Part.SLACK, List.of(SlackBenchmark.run()));
        } finally {
            System.out.println();
            System.out.println(Samples.header());
            table.values().stream().flatMap(List::stream).forEach(samples -> System.out.println(samples.row()));
            System.out.println();
            System.out.println(String.format(Locale.ROOT, "%.0f s in all, load average now %s",
                    (System.nanoTime() - began) / 1e9, loadAverage()));
        }
    }

    /** The machine is shared: the 1-, 5- and 15-minute load averages say how much. */
    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException notLinux) {
            return String.format(Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** What runs next, and when, on standard error: the table goes to standard output at the end. */
    private static void progress(long began, String what) {
        System.err.printf(Locale.ROOT, "benchmark at %3.0f s: %s ...%n", (System.nanoTime() - began) / 1e9, what);
    }

    /** Parsing, and the real HTTP server on the embedded defaults (H2 file, dry-run cluster). */
    private static List<Samples> inProcess() throws Exception {
        List<Samples> samples = new ArrayList<>();
        samples.add(parser());
        Path dataDir = Files.createTempDirectory("runbot-bench");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("runbot.data-dir", dataDir.toString(), "micronaut.server.port", "-1",
                        "runbot.reconcile.interval", "1h"))) {
            samples.add(render(server.getApplicationContext().getBean(ChartRenderer.class)));
            samples.addAll(commands(new CommandApi(server.getURI(),
                    Files.readString(dataDir.resolve("api-token")).strip())));
        }
        return samples;
    }

    /** Against fabric8's API server on loopback: every up renders and applies the standard environment. */
    private static List<Samples> cluster() throws Exception {
        Path clusterDir = Files.createTempDirectory("runbot-bench-cluster");
        try (MockCluster cluster = new MockCluster(clusterDir);
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                     Map.of("runbot.data-dir", clusterDir.toString(), "micronaut.server.port", "-1",
                             "runbot.kubernetes.kubeconfig", cluster.kubeconfig().toString(),
                             "runbot.test.preview-configs", "true", "runbot.reconcile.interval", "1h"))) {
            CommandApi api = new CommandApi(server.getURI(), Files.readString(clusterDir.resolve("api-token")).strip(),
                    "acme/shop-db");
            List<Samples> samples = upThenDown(api, "POST up to a cluster (render + apply)",
                    "POST down to a cluster (delete + sweep)", 1_000, 20, 100);
            samples.get(0).target("≤ 500 ms median");
            samples.get(1).target("delete issued ≤ 100 ms");
            return samples;
        }
    }

    /**
     * Creates and destroys environments of new pull requests from {@code firstNumber} on, timing
     * each up and each down; the first {@code warmUp} pairs are not measured.
     */
    private static List<Samples> upThenDown(CommandApi api, String upName, String downName, int firstNumber, int warmUp,
                                            int runs) throws Exception {
        Samples up = new Samples(upName, runs);
        Samples down = new Samples(downName, runs);
        for (int i = 0; i < warmUp + runs; i++) {
            int number = firstNumber + i;
            long t0 = System.nanoTime();
            api.command("/preview up", number);
            long t1 = System.nanoTime();
            api.command("/preview down", number);
            long t2 = System.nanoTime();
            if (i >= warmUp) {
                up.add(t1 - t0);
                down.add(t2 - t1);
            }
        }
        return List.of(up, down);
    }

    private static Samples parser() throws Exception {
        CommandParser parser = new CommandParser("runbot");
        PullRequestRef pr = new PullRequestRef(RepositoryName.parse("acme/shop").orElseThrow(), 42);
        return Samples.time("parse a PR comment (7 mixed texts)", 50_000, 200_000,
                i -> parser.parseComment(TEXTS.get(i % TEXTS.size()), pr));
    }

    private static Samples render(ChartRenderer renderer) throws Exception {
        Instant now = Instant.now();
        PullRequestRef pr = new PullRequestRef(RepositoryName.parse("acme/shop").orElseThrow(), 42);
        Environment environment = new Environment.Builder()
                .pullRequest(pr).name("shop-pr-42").namespace("shop-pr-42")
                .state(EnvironmentState.PENDING).desiredState(DesiredState.UP)
                .headSha("abc1234def").image("ghcr.io/acme/shop:pr-42-abc1234")
                .url("https://shop-pr-42.preview.localhost").createdAt(now).updatedAt(now).deployedAt(now)
                .expiresAt(now.plus(Duration.ofHours(72))).requestedBy("bench").ttl(Duration.ofHours(72))
                .overrides(Map.of())
                .build();
        PreviewConfig d = PreviewConfig.defaults(pr.repository());
        PreviewConfig standard = new PreviewConfig(d.project(), d.image(), d.tag(), d.fallbackTag(), d.port(),
                d.healthPath(), d.ttl(), d.autoDeploy(), d.label(), List.of(Database.POSTGRES), d.env(), d.resources(),
                d.allowedOverrides(), d.slackChannel(), d.urlSuffix(), d.seed());
        RenderRequest request = new RenderRequest(environment, standard,
                Map.of(Database.POSTGRES, new DatabaseCredentials("app", "app", "benchmark-password-0123456789ab")),
                Map.of());
        return Samples.time("render app+postgres env with Helm", 30, 300, i -> renderer.render(request))
                .target("≤ 50 ms median");
    }

    private static List<Samples> commands(CommandApi api) throws Exception {
        api.command("/preview up", 1);
        List<Samples> samples = new ArrayList<>();
        samples.add(Samples.time("POST status (auth, parse, DB read, JSON)", 500, 3_000,
                i -> api.command("/preview status", 1)));
        samples.add(Samples.time("POST unknown verb (422, did-you-mean)", 0, 3_000,
                i -> api.command("/preview dwon", 1)));
        samples.addAll(upThenDown(api, "POST up (DB write, Helm render, dry-run apply)",
                "POST down (DB write, dry-run destroy)", 100, 20, 200));
        return samples;
    }
}
