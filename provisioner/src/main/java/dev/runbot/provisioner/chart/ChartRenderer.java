package dev.runbot.provisioner.chart;

/** Turns an environment into the Kubernetes objects it is made of. */
public interface ChartRenderer {

    /** @throws ChartRenderingException when the chart cannot be rendered with these values */
    RenderedChart render(RenderRequest request);
}
