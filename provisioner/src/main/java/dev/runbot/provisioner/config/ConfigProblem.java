package dev.runbot.provisioner.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a {@code .preview.yaml}, worded for the person who wrote it: the setting it is
 * about, what is wrong and what would work, and where in the file it is when that is known.
 *
 * @param field    the setting, as {@code ttl}, {@code resources.cpu} or {@code databases[1]}; empty when
 *                 the problem is the file as a whole
 * @param position where in the file the problem is; empty for something missing, such as a required setting
 * @param message  what is wrong and what would work: {@code "3x" is not a duration. Use 90m, 12h, 2d or 1d12h.}
 */
public record ConfigProblem(String field, Optional<Position> position, String message) {

    public ConfigProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /** {@code ttl: "3x" is not a duration. Use 90m, 12h, 2d or 1d12h.} */
    public String text() {
        return field.isEmpty() ? message : field + ": " + message;
    }

    /** {@link #text()} led by where it is: {@code line 7, column 6: ttl: "3x" is not a duration. …} */
    public String describe() {
        return position.map(at -> at + ": " + text()).orElse(text());
    }

    /** A place in the file, both counted from 1 as editors show them. */
    public record Position(int line, int column) implements Comparable<Position> {

        @Override
        public int compareTo(Position other) {
            return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
        }

        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }
}
