package dev.runbot.bot.dispatch;

import dev.runbot.provisioner.lifecycle.Requester;
import java.util.Optional;

/**
 * Who runs a command and what the channel knows beside its text.
 *
 * @param requester  the person (or API caller) and the channel
 * @param permission what the channel established the person may do
 * @param headSha    the pull request's head, when the channel knows it
 * @param branch     the pull request's branch, when the channel knows it
 * @param reason     why runbot runs a command nobody typed (e.g. the pull request closed), for the
 *                   audit log and the announcements; empty for a person's command
 */
public record CommandContext(Requester requester, Permission permission, Optional<String> headSha,
                             Optional<String> branch, Optional<String> reason) {

    /** A command someone asked for. */
    public CommandContext(Requester requester, Permission permission, Optional<String> headSha,
                          Optional<String> branch) {
        this(requester, permission, headSha, branch, Optional.empty());
    }
}
