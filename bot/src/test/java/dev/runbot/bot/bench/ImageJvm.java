package dev.runbot.bot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options runbot gets in its pod, read from the checkout so the benchmark follows them:
 * the image's {@code JAVA_TOOL_OPTIONS} from the Dockerfile, and the chart's default memory limit,
 * which a JVM in a container takes as its machine's memory. Outside a container that limit is
 * passed as {@code -XX:MaxRAM}, with the collector the JVM picks below 1,792 MiB (Serial), so heap
 * sizing, and with it resident memory, is the pod's rather than this machine's.
 */
final class ImageJvm {

    private static final Pattern TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"");
    private static final Pattern MEMORY_LIMIT =
            Pattern.compile("(?m)^resources:\\s*\\n(?:[ \\t]+.*\\n)*?[ \\t]+limits:\\s*\\n[ \\t]+memory:\\s*(\\d+)(Ki|Mi|Gi)?\\s*$");
    /** Below this much memory the JVM is not a "server class machine" and picks the Serial collector. */
    private static final long SERVER_CLASS_MEMORY = 1_792L * 1024 * 1024;

    private ImageJvm() {
    }

    /** The JVM options of the image and chart in {@code repository}, runbot's checkout. */
    static PackagedJarBenchmark.Jvm of(Path repository) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path dockerfile = repository.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile)) {
            throw new IllegalStateException("no Dockerfile at \"" + dockerfile + "\" to take the image's JVM options"
                    + " from: set runbot.bench.repository to runbot's checkout");
        }
        Matcher options = TOOL_OPTIONS.matcher(Files.readString(dockerfile));
        boolean found = options.find();
        String image = found ? options.group(1) : "";
        String where = found ? "the Dockerfile's" : "none in " + dockerfile;
        Path values = repository.resolve("deploy/helm/runbot/values.yaml");
        Matcher limit = Files.isRegularFile(values) ? MEMORY_LIMIT.matcher(Files.readString(values)) : null;
        if (limit == null || !limit.find()) {
            return new PackagedJarBenchmark.Jvm(java, image, where + "; no memory limit found in " + values);
        }
        long bytes = Long.parseLong(limit.group(1)) * switch (limit.group(2) == null ? "" : limit.group(2)) {
            case "Ki" -> 1024L;
            case "Mi" -> 1024L * 1024;
            case "Gi" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String pod = String.format(Locale.ROOT, "-XX:MaxRAM=%dk", bytes / 1024)
                + (bytes < SERVER_CLASS_MEMORY ? " -XX:+UseSerialGC" : "");
        return new PackagedJarBenchmark.Jvm(java, (image + " " + pod).strip(),
                where + " + the chart's memory limit of " + limit.group(1)
                        + (limit.group(2) == null ? "" : limit.group(2)) + " as the JVM sees it in the pod");
    }
}
