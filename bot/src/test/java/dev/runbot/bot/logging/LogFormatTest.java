package dev.runbot.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbot.provisioner.LogContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * runbot's own logback.xml, in a JVM of its own as operators start it: plain text by default, one
 * JSON object per line with RUNBOT_LOG_FORMAT=json or -Drunbot.log-format=json, and a word on
 * standard error, then text, for a value it does not know.
 */
class LogFormatTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonFromTheEnvironmentIsOneObjectPerLineWithTheWorksFieldsAndTheException() throws Exception {
        Run run = run(Map.of(LogFormat.VARIABLE, "json"), List.of());

        assertThat(run.stdout()).hasSize(2);
        JsonNode line = JSON.readTree(run.stdout().get(0));
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("loggerName").asText()).isEqualTo(Main.class.getName());
        assertThat(line.get("threadName").asText()).isEqualTo("main");
        assertThat(line.get("timestamp").asLong()).isPositive();
        assertThat(line.get("formattedMessage").asText()).isEqualTo("deploying \"shop-pr-42\"");
        assertThat(line.get("mdc")).isEqualTo(JSON.readTree("{\"delivery\": \"delivery-42\", \"repository\":"
                + " \"acme/shop\", \"pull_request\": \"42\"}"));
        assertThat(line.has("arguments")).as("the message says its values once").isFalse();
        JsonNode failed = JSON.readTree(run.stdout().get(1));
        assertThat(failed.get("level").asText()).isEqualTo("WARN");
        assertThat(failed.get("throwable").get("className").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failed.get("throwable").get("message").asText()).isEqualTo("the API server went away");
        assertThat(failed.get("mdc").size()).as("the work's fields ended with it").isZero();
    }

    @Test
    void theSystemPropertyAsksForJsonToo() throws Exception {
        Run run = run(Map.of(), List.of("-Drunbot.log-format=JSON"));

        assertThat(run.stdout()).hasSize(2).allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).isTrue());
    }

    @Test
    void plainTextIsTheDefault() throws Exception {
        Run run = run(Map.of(), List.of());

        assertThat(run.stdout().get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ INFO  \\[main\\] \\S+ - deploying \"shop-pr-42\"");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void anUnknownFormatIsNamedAndTextIsWritten() throws Exception {
        Run run = run(Map.of(LogFormat.VARIABLE, "yaml"), List.of());

        assertThat(String.join("\n", run.stderr())).contains("RUNBOT_LOG_FORMAT=\"yaml\" is no log format; logging"
                + " plain text. Set it to \"json\" (one JSON object per line) or \"text\".");
        assertThat(run.stdout().get(0)).contains(" INFO  [main] ").endsWith("deploying \"shop-pr-42\"");
    }

    /** What a JVM running {@link Main} with runbot's logback.xml wrote. */
    record Run(List<String> stdout, List<String> stderr) {
    }

    private static Run run(Map<String, String> environment, List<String> options) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=logback.xml"));
        command.addAll(options);
        command.add(Main.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(LogFormat.VARIABLE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM ends").isTrue();
        List<String> stdout = lines(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        List<String> stderr = lines(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(process.exitValue()).as("exit code; stderr: %s", stderr).isZero();
        return new Run(stdout, stderr);
    }

    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    /** One line within a piece of work, one with an exception after it. */
    public static final class Main {

        public static void main(String[] args) {
            Logger log = LoggerFactory.getLogger(Main.class);
            try (LogContext context = LogContext.delivery("delivery-42").with("acme/shop", 42)) {
                log.info("deploying \"{}\"", "shop-pr-42");
            }
            log.warn("reading the readiness of \"shop-pr-42\" failed", new IllegalStateException("the API server went away"));
        }
    }
}
