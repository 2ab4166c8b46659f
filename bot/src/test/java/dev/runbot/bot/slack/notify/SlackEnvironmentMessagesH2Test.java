package dev.runbot.bot.slack.notify;

import java.util.Map;

class SlackEnvironmentMessagesH2Test extends SlackEnvironmentMessagesContract {

    @Override
    Map<String, String> database() {
        return Map.of();
    }
}
