package dev.runbot.bot.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells logback which output to write, {@code text} or {@code json} ({@code runbot-log-<format>.xml}), from the
 * environment variable {@value #VARIABLE} or the system property {@value #PROPERTY}, read before
 * anything else starts, so the very first line is in the chosen format. Plain text when neither is
 * set; an unknown value is said on standard error and falls back to text rather than silence the log.
 */
public class LogFormat extends PropertyDefinerBase {

    public static final String VARIABLE = "RUNBOT_LOG_FORMAT";
    public static final String PROPERTY = "runbot.log-format";
    static final String TEXT = "text";
    static final String JSON = "json";

    @Override
    public String getPropertyValue() {
        Optional<Map.Entry<String, String>> asked = Optional.ofNullable(System.getProperty(PROPERTY))
                .map(value -> Map.entry("-D" + PROPERTY, value))
                .or(() -> Optional.ofNullable(System.getenv(VARIABLE)).map(value -> Map.entry(VARIABLE, value)))
                .filter(entry -> !entry.getValue().isBlank());
        if (asked.isEmpty()) {
            return TEXT;
        }
        String value = asked.get().getValue().strip().toLowerCase(Locale.ROOT);
        if (value.equals(TEXT) || value.equals(JSON)) {
            return value;
        }
        String problem = "runbot: " + asked.get().getKey() + "=\"" + asked.get().getValue()
                + "\" is no log format; logging plain text. Set it to \"json\" (one JSON object per line) or \"text\".";
        addInfo(problem); // not a warning: logback would print its whole configuration status to stdout
        System.err.println(problem);
        return TEXT;
    }
}
