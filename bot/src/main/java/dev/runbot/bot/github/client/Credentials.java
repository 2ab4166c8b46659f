package dev.runbot.bot.github.client;

import dev.runbot.commands.RepositoryName;
import java.io.IOException;
import org.kohsuke.github.GitHub;

/** How runbot authenticates for a repository and who it is on GitHub: a token, or a GitHub App. */
interface Credentials {

    /** The kohsuke client that acts for runbot on this repository. */
    GitHub client(RepositoryName repository) throws IOException;

    /** The Authorization header for a call about this repository that runbot makes itself. */
    String authorization(RepositoryName repository) throws IOException;

    /** runbot's own login, the author of the comments it writes. */
    String ownLogin() throws IOException;
}
