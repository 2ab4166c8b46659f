package dev.runbot.provisioner.chart;

import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.config.PreviewConfig;
import java.nio.file.Path;

/** A child JVM for {@link TerminationSignalsTest}: renders once, then waits to be stopped by a signal. */
public final class RenderThenWait {

    private RenderThenWait() {
    }

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        ChartSettings settings = new ChartSettings(null, "traefik", null, null, "kube-system", "monitoring",
                "250m", "256Mi", "1Gi", null, "postgres:17-alpine", "mariadb:11", "redis:7-alpine");
        ChartLocation location = new ChartLocation(settings, new RunbotSettings(Path.of(args[0]), "preview.test"));
        new HelmChartRenderer(location, settings).render(new RenderRequest(
                HelmChartRendererTest.environment(java.util.Map.of()),
                PreviewConfig.defaults(HelmChartRendererTest.PR_42.repository()), java.util.Map.of(), java.util.Map.of()));
        System.out.println("rendered");
        Thread.sleep(60_000);
    }
}
