package dev.runbot.provisioner.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** After rendering with Helm, SIGTERM still stops runbot the JVM way: shutdown hooks run, exit code 143. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TerminationSignalsTest {

    @TempDir Path dataDir;

    @Test
    void sigtermAfterARenderRunsShutdownHooksAndExits143() throws Exception {
        Path output = dataDir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RenderThenWait.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(output).contains("rendered") && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(output)).as("the child rendered the chart").contains("rendered");

            child.destroy();

            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("the child stopped on SIGTERM").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(143);
        assertThat(Files.readString(output)).contains("shutdown hook ran");
    }
}
