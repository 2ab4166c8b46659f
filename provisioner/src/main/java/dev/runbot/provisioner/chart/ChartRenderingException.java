package dev.runbot.provisioner.chart;

/** The chart could not be rendered; the message quotes Helm's own words. */
public class ChartRenderingException extends RuntimeException {

    public ChartRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}
