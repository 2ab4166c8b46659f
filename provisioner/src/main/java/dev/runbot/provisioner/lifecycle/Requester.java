package dev.runbot.provisioner.lifecycle;

/** Who asked for a change, and through which channel. */
public record Requester(String name, Channel channel) {

    /** runbot acting on its own. */
    public static final Requester RUNBOT = new Requester("runbot", Channel.RUNBOT);
}
