package dev.runbot.bot.slack.notify;

import dev.runbot.provisioner.EmbeddedPostgres;
import java.util.Map;

class SlackEnvironmentMessagesPostgresTest extends SlackEnvironmentMessagesContract {

    @Override
    Map<String, String> database() {
        return EmbeddedPostgres.freshDatabase();
    }
}
