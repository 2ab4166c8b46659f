package dev.runbot.provisioner.cluster;

/** The Kubernetes API kept failing transiently; the work is left for the next reconcile pass. */
public class KubernetesUnavailableException extends RuntimeException {

    public KubernetesUnavailableException(String message) {
        super(message);
    }
}
