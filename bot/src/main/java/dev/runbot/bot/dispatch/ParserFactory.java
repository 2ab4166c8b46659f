package dev.runbot.bot.dispatch;

import dev.runbot.commands.CommandParser;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The one command parser, knowing the bot's login so {@code @runbot up} works in comments. */
@Factory
public class ParserFactory {

    @Singleton
    CommandParser commandParser(@Value("${runbot.github.bot-login:runbot}") String botLogin) {
        return new CommandParser(botLogin);
    }
}
