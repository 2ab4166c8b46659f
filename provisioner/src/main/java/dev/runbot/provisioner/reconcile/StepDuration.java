package dev.runbot.provisioner.reconcile;

import java.time.Duration;

/**
 * How long an environment took to settle once runbot acted on it, announced by the reconciler
 * so the application can keep the provisioning and destroy histograms without the domain
 * knowing any metrics library.
 *
 * @param took for {@link Outcome#READY} and {@link Outcome#FAILED}, from the apply that started the
 *             deploy (or the deploy step itself, when it settled within it); for
 *             {@link Outcome#DESTROYED}, from the destroy request to the namespace found gone
 */
public record StepDuration(Outcome outcome, Duration took) {

    public StepDuration {
        took = took.isNegative() ? Duration.ZERO : took;
    }

    /** How the environment settled. */
    public enum Outcome {
        READY,
        FAILED,
        DESTROYED
    }
}
