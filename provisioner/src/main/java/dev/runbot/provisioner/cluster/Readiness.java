package dev.runbot.provisioner.cluster;

/** Whether an applied environment's workloads serve, in words a developer understands. */
public sealed interface Readiness {

    /** Every Deployment and StatefulSet is available. */
    record Ready() implements Readiness {
    }

    /** Still starting; {@code detail} says what is awaited, e.g. {@code Deployment/app: 0 of 1 ready}. */
    record Progressing(String detail) implements Readiness {
    }

    /** It will not become ready by itself; {@code reason} says why. */
    record Failed(String reason) implements Readiness {
    }
}
