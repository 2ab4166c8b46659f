package dev.runbot.provisioner.chart;

import java.util.List;
import sun.misc.Signal;

/**
 * Gives SIGTERM, SIGINT and SIGHUP back to the JVM after a Helm call. helm-java's native Go code
 * calls {@code signal.Notify} on its install path, which {@code helm template} takes; the Go
 * runtime then owns those signals for the life of the process (manusa/helm-java#409), so a pod
 * stop would never run runbot's shutdown. The handler re-installed here does what the JVM's own
 * does: exit with 128 + the signal number, running shutdown hooks.
 */
final class TerminationSignals {

    private static final List<String> NAMES = List.of("TERM", "INT", "HUP");

    private TerminationSignals() {
    }

    /** Idempotent and cheap; called after every Helm call, since any of them may install Go's handlers. */
    static void reclaim() {
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(128 + signal.getNumber()));
            } catch (IllegalArgumentException unavailable) {
                // the JVM runs with -Xrs or this platform lacks the signal: nothing to reclaim
            }
        }
    }
}
