package dev.runbot.provisioner.chart;

/** The multi-document YAML a chart rendered to, ready to apply or to write to disk. */
public record RenderedChart(String manifest) {
}
