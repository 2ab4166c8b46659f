package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.DirectoryTrees;
import dev.runbot.provisioner.chart.RenderedChart;
import dev.runbot.provisioner.environment.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster on disk: {@code apply} writes the manifest to
 * {@code <data-dir>/rendered/<environment>/manifest.yaml}, {@code destroy} removes it. Used when
 * no cluster is found, so runbot runs anywhere and shows exactly what it would apply.
 */
public class DryRunClusterApplier implements ClusterApplier {

    private static final Logger LOG = LoggerFactory.getLogger(DryRunClusterApplier.class);

    private final Path renderedDir;

    public DryRunClusterApplier(Path renderedDir) {
        this.renderedDir = renderedDir;
    }

    @Override
    public ApplyResult apply(Environment environment, RenderedChart chart) {
        Path dir = renderedDir.resolve(environment.name());
        Path manifest = dir.resolve("manifest.yaml");
        try {
            Files.createDirectories(dir);
            // Write then rename, so a crash never leaves half a manifest behind.
            Path partial = Files.createTempFile(dir, "manifest", ".partial");
            Files.writeString(partial, chart.manifest(), StandardCharsets.UTF_8);
            Files.move(partial, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the dry-run manifest \"" + manifest + "\"", e);
        }
        LOG.info("dry-run: rendered \"{}\" to \"{}\"", environment.name(), manifest);
        return new ApplyResult.Ready();
    }

    @Override
    public Readiness readiness(Environment environment) {
        return new Readiness.Ready();
    }

    @Override
    public Map<String, Readiness> readiness(Collection<Environment> environments) {
        Map<String, Readiness> all = new HashMap<>();
        environments.forEach(environment -> all.put(environment.namespace(), new Readiness.Ready()));
        return all;
    }

    /** Nothing to compare records with: a dry run has no namespaces, so none are orphans and none rebuild a record. */
    @Override
    public Optional<List<RunbotNamespace>> namespaces() {
        return Optional.empty();
    }

    @Override
    public void annotate(Environment environment) {
    }

    @Override
    public boolean deleteNamespace(String namespace) {
        return false;
    }

    @Override
    public Gone destroy(Environment environment) {
        Path dir = renderedDir.resolve(environment.name());
        if (!Files.exists(dir)) {
            return Gone.YES;
        }
        try {
            DirectoryTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("removing the dry-run manifest of \"" + environment.name() + "\"", e);
        }
        LOG.info("dry-run: removed \"{}\"", dir);
        return Gone.YES;
    }

    @Override
    public boolean dryRun() {
        return true;
    }
}
