package dev.runbot.bot.github;

import dev.runbot.provisioner.EmbeddedPostgres;
import java.util.Map;

class PullRequestThreadsPostgresTest extends PullRequestThreadsContract {

    @Override
    Map<String, String> database() {
        return EmbeddedPostgres.freshDatabase();
    }
}
