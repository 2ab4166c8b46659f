package dev.runbot.commands;

import java.util.ArrayList;
import java.util.List;

/** Splitting typed text into words, where any Unicode space separates, non-breaking ones included. */
final class Tokens {

    private Tokens() {
    }

    /** The words of {@code text}, in order; never an empty word. */
    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int at = 0; at < text.length(); ) {
            int codePoint = text.codePointAt(at);
            if (isSpace(codePoint)) {
                if (start >= 0) {
                    tokens.add(text.substring(start, at));
                    start = -1;
                }
            } else if (start < 0) {
                start = at;
            }
            at += Character.charCount(codePoint);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /** {@code text} without spaces at either end, in the same sense of space as {@link #split}. */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** Java's whitespace plus the no-break spaces it leaves out (U+00A0, U+2007, U+202F) and NEL. */
    static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == '\u0085';
    }

    /**
     * Whether {@code text} starts with {@code word}, ignoring ASCII case only (so a dotless ı or a
     * Kelvin sign does not pass for i or k), followed by a space or the end.
     */
    static boolean startsWithWord(String text, String word) {
        if (word.isEmpty() || text.length() < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (asciiLower(text.charAt(i)) != asciiLower(word.charAt(i))) {
                return false;
            }
        }
        return text.length() == word.length() || isSpace(text.codePointAt(word.length()));
    }

    /** {@code text} in lower case for ASCII letters only; everything else is left as typed. */
    static String asciiLowerCase(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            lower.append(asciiLower(text.charAt(i)));
        }
        return lower.toString();
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
