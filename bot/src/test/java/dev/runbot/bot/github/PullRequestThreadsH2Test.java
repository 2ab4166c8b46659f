package dev.runbot.bot.github;

import java.util.Map;

class PullRequestThreadsH2Test extends PullRequestThreadsContract {

    @Override
    Map<String, String> database() {
        return Map.of();
    }
}
