package dev.runbot.provisioner.environment;

/** What people asked for; the reconciler drives the actual state toward it. */
public enum DesiredState {
    UP,
    DOWN
}
