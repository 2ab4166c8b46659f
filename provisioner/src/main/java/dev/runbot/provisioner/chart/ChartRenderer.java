package dev.runbot.provisioner.chart;

import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.Environment;

/** Turns an environment into the Kubernetes objects it is made of. */
public interface ChartRenderer {

    /** @throws ChartRenderingException when the chart cannot be rendered with these values */
    RenderedChart render(Environment environment, PreviewConfig config);
}
