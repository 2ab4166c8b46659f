package dev.runbot.commands;

/**
 * Bad input found deep in the grammar, carrying the sentence to answer with. It never leaves the
 * package: {@link CommandParser} turns it into an {@link ParseResult.Answer}.
 */
final class Invalid extends RuntimeException {

    Invalid(String message) {
        super(message, null, false, false);
    }

    ParseResult.Answer answer() {
        return new ParseResult.Answer(Reply.invalid(getMessage()));
    }
}
