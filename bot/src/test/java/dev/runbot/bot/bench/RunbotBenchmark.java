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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Prints how fast runbot's hot paths are on this machine: parsing, Helm rendering, and commands
 * over the real HTTP server on loopback with the embedded defaults (H2 file, dry-run cluster).
 * Bounded in count and time; every figure is a percentile over many runs after a warm-up.
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

    private RunbotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("runbot benchmark — " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        System.out.println(Samples.header());
        System.out.println(parser().row());

        Path dataDir = Files.createTempDirectory("runbot-bench");
        long start = System.nanoTime();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("runbot.data-dir", dataDir.toString(), "micronaut.server.port", "-1",
                        "runbot.reconcile.interval", "1h"))) {
            Samples startup = new Samples("start to serving (embedded defaults, once)", 1);
            startup.add(System.nanoTime() - start);
            System.out.println(startup.row());
            System.out.println(render(server.getApplicationContext().getBean(ChartRenderer.class)).row());
            Api api = new Api(server.getURI(), Files.readString(dataDir.resolve("api-token")).strip());
            for (Samples samples : commands(api)) {
                System.out.println(samples.row());
            }
        }
        Path clusterDir = Files.createTempDirectory("runbot-bench-cluster");
        try (MockCluster cluster = new MockCluster(clusterDir);
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                     Map.of("runbot.data-dir", clusterDir.toString(), "micronaut.server.port", "-1",
                             "runbot.kubernetes.kubeconfig", cluster.kubeconfig().toString(),
                             "runbot.test.preview-configs", "true", "runbot.reconcile.interval", "1h"))) {
            Api api = new Api(server.getURI(), Files.readString(clusterDir.resolve("api-token")).strip(), "acme/shop-db");
            for (Samples samples : cluster(api)) {
                System.out.println(samples.row());
            }
        }
        for (Samples samples : ReconcileBenchmark.run()) {
            System.out.println(samples.row());
        }
        for (Samples samples : GitHubBenchmark.run()) {
            System.out.println(samples.report());
        }
        System.out.println(SlackBenchmark.run().row());
    }

    /** Against fabric8's API server on loopback: every up renders and applies the standard environment. */
    private static List<Samples> cluster(Api api) throws Exception {
        return upThenDown(api, "POST up to a cluster (render + apply)", "POST down to a cluster (delete + sweep)",
                1_000, 20, 100);
    }

    /**
     * Creates and destroys environments of new pull requests from {@code firstNumber} on, timing
     * each up and each down; the first {@code warmUp} pairs are not measured.
     */
    private static List<Samples> upThenDown(Api api, String upName, String downName, int firstNumber, int warmUp,
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
        return Samples.time("render app+postgres env with Helm", 30, 300, i -> renderer.render(request));
    }

    private static List<Samples> commands(Api api) throws Exception {
        api.command("/preview up", 1);
        List<Samples> samples = new java.util.ArrayList<>();
        samples.add(Samples.time("POST status (auth, parse, DB read, JSON)", 500, 3_000,
                i -> api.command("/preview status", 1)));
        samples.add(Samples.time("POST unknown verb (422, did-you-mean)", 0, 3_000,
                i -> api.command("/preview dwon", 1)));
        samples.addAll(upThenDown(api, "POST up (DB write, Helm render, dry-run apply)",
                "POST down (DB write, dry-run destroy)", 100, 20, 200));
        return samples;
    }

    /** A loopback client that fails loudly on an unexpected status. */
    private record Api(URI base, String token, String repository, HttpClient http) {

        Api(URI base, String token) {
            this(base, token, "acme/shop", HttpClient.newHttpClient());
        }

        Api(URI base, String token, String repository) {
            this(base, token, repository, HttpClient.newHttpClient());
        }

        void command(String text, int pullRequest) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/commands"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text
                            + "\", \"repository\": \"" + repository + "\", \"pullRequest\": " + pullRequest + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            int expected = text.contains("dwon") ? 422 : 200;
            if (response.statusCode() != expected) {
                throw new IllegalStateException(text + " answered " + response.statusCode() + ": " + response.body());
            }
        }
    }
}
