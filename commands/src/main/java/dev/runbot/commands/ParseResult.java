package dev.runbot.commands;

/**
 * What parsing a piece of text gives: a command to run, an answer to post, or nothing at all.
 * The parser never throws for user input; every outcome is one of these three.
 */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Answer, ParseResult.Ignored {

    /** The text held a well-formed command. */
    record Parsed(Command command) implements ParseResult {
    }

    /** The text was meant for runbot but is wrong; {@code reply} says what would work. */
    record Answer(Reply reply) implements ParseResult {
    }

    /** The text was not meant for runbot (a comment without a command line); nothing is posted. */
    record Ignored() implements ParseResult {
    }
}
