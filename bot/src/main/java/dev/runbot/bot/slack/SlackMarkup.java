package dev.runbot.bot.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes text that came from people or the cluster into Slack's markup so that it shows as exactly
 * that text: it cannot ping anyone, link anywhere under a false label or outgrow Slack's limits.
 * Every method takes plain text and a limit on what it writes.
 */
final class SlackMarkup {

    /** The only links written: a web address shown as itself, never under another label. */
    private static final Pattern WEB_ADDRESS = Pattern.compile("https?://[^\\s<>|\"`]+", Pattern.CASE_INSENSITIVE);
    /** Punctuation that ends a sentence rather than an address. */
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)'\\]]+$");
    /** Longer addresses are shown as text, which can be cut, rather than as a link, which cannot. */
    private static final int LINK_MAX = 2_000;
    /** Slack's limit on a button's {@code url}. */
    private static final int URL_MAX = 3_000;
    /** Room kept for the cut note, e.g. {@code _… (cut, 1,048,576 characters)_}. */
    private static final int CUT_NOTE_ROOM = 40;
    /** Code spans and blocks cannot escape a backtick; this look-alike keeps them closed. */
    private static final char BACKTICK_LOOKALIKE = 'ˋ';

    private SlackMarkup() {
    }

    /** One line of mrkdwn, e.g. a title or a field value: newlines become spaces, "…" ends a cut. */
    static String inline(String text, int max) {
        String line = oneLine(text, max);
        StringBuilder out = new StringBuilder();
        int end = write(line, max - 1, out);
        return end < line.length() ? out.append('…').toString() : out.toString();
    }

    /**
     * Lines of mrkdwn prose, line for line, in at most {@code sections} pieces of at most
     * {@code max} characters each (Slack's limit per text object); a line that starts with
     * {@code /preview} shows its command as code. Runs of blank lines become one. What does not
     * fit is cut with a note that says how much.
     */
    static List<String> prose(String text, int max, int sections) {
        String clean = clean(text).strip();
        int room = max - CUT_NOTE_ROOM - 2;
        List<String> done = new ArrayList<>();
        StringBuilder section = new StringBuilder();
        int offset = 0;
        boolean afterBlank = false;
        for (String line : clean.split("\n", -1)) {
            String stripped = line.strip();
            int start = offset + line.indexOf(stripped);
            offset += line.length() + 1;
            if (stripped.isEmpty() && (afterBlank || section.isEmpty())) {
                continue;
            }
            afterBlank = stripped.isEmpty();
            String rendered = proseLine(stripped);
            String separator = section.isEmpty() ? "" : "\n";
            if (section.length() + separator.length() + rendered.length() <= room) {
                section.append(separator).append(rendered);
                continue;
            }
            if (rendered.length() <= room && done.size() + 1 < sections) {
                done.add(section.toString());
                section = new StringBuilder(rendered);
                continue;
            }
            int shown = 0;
            while (true) {
                separator = section.isEmpty() ? "" : "\n";
                StringBuilder piece = new StringBuilder();
                shown += write(stripped.substring(shown), room - section.length() - separator.length(), piece);
                if (!piece.isEmpty()) {
                    section.append(separator).append(piece);
                }
                if (shown >= stripped.length()) {
                    break;
                }
                if (section.isEmpty() || done.size() + 1 >= sections) {
                    section.append(section.isEmpty() ? "" : "…\n").append(cutNote(clean.length() - start - shown));
                    done.add(section.toString());
                    return done;
                }
                done.add(section.toString());
                section = new StringBuilder();
            }
        }
        if (!section.isEmpty()) {
            done.add(section.toString());
        }
        return done;
    }

    /** Inline code on one line; empty text shows as a dash. */
    static String code(String text, int max) {
        String line = verbatim(oneLine(text, max));
        if (line.isEmpty()) {
            return "–";
        }
        StringBuilder out = new StringBuilder("`");
        int end = escape(line, max - 3, out);
        return (end < line.length() ? out.append('…') : out).append('`').toString();
    }

    /**
     * A code block that shows the text line for line. Past {@code max} characters the rest is cut
     * with a note below the block.
     */
    static String codeBlock(String text, int max) {
        String clean = verbatim(clean(text).strip());
        StringBuilder out = new StringBuilder("```\n");
        int end = escape(clean.isEmpty() ? "–" : clean, max - out.length() - 4 - CUT_NOTE_ROOM, out);
        out.append("\n```");
        if (end < clean.length()) {
            out.append('\n').append(cutNote(clean.length() - end));
        }
        return out.toString();
    }

    /** Plain text (headers, buttons, dialogs) on one line, cut with "…"; {@code fallback} when blank. */
    static String plain(String text, int max, String fallback) {
        String line = oneLine(text, max);
        if (line.isEmpty()) {
            line = fallback;
        }
        if (line.length() <= max) {
            return line;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + "…";
    }

    /** A button's address: only http(s), without spaces, and no longer than Slack accepts. */
    static Optional<String> webUrl(String url) {
        String address = url == null ? "" : url.strip();
        boolean web = address.length() <= URL_MAX
                && address.toLowerCase(Locale.ROOT).matches("https?://[^\\s\\p{Cntrl}]+");
        return web ? Optional.of(address) : Optional.empty();
    }

    /** The note that says text was cut and how much of it. */
    static String cutNote(int characters) {
        return String.format(Locale.ROOT, "_… (cut, %,d characters)_", characters);
    }

    /** The note that says whole items were left out, e.g. {@code 570 more fields}. */
    static String cutNote(int count, String what) {
        return String.format(Locale.ROOT, "_… (cut, %,d more %s)_", count, what);
    }

    private static String proseLine(String line) {
        if (line.startsWith("/preview")) {
            int dash = line.indexOf(" — ");
            String command = dash < 0 ? line : line.substring(0, dash);
            String rest = dash < 0 ? "" : line.substring(dash);
            StringBuilder out = new StringBuilder(code(command, Integer.MAX_VALUE));
            write(rest, Integer.MAX_VALUE, out);
            return out.toString();
        }
        StringBuilder out = new StringBuilder();
        write(line, Integer.MAX_VALUE, out);
        return out.toString();
    }

    /**
     * Appends {@code text} escaped, web addresses as links to themselves, until {@code max}
     * characters are written; returns how far into {@code text} it got. An address is written
     * whole or not at all.
     */
    private static int write(String text, int max, StringBuilder out) {
        int limit = (int) Math.min(Integer.MAX_VALUE, (long) out.length() + Math.max(0, max));
        Matcher address = WEB_ADDRESS.matcher(text);
        int i = 0;
        while (address.find()) {
            String url = TRAILING_PUNCTUATION.matcher(address.group()).replaceFirst("");
            if (url.endsWith("//") || url.length() > LINK_MAX) {
                continue;
            }
            int reached = escape(text.substring(i, address.start()), limit - out.length(), out);
            if (reached < address.start() - i) {
                return i + reached;
            }
            String link = "<" + escapeAll(url) + ">";
            if (out.length() + link.length() > limit) {
                return address.start();
            }
            out.append(link);
            i = address.start() + url.length();
            address.region(i, text.length());
        }
        return i + escape(text.substring(i), limit - out.length(), out);
    }

    /** Appends escaped text until {@code max} characters are written; returns how far it got. */
    private static int escape(String text, int max, StringBuilder out) {
        int limit = out.length() + Math.max(0, max);
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            String escaped = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> Character.toString(c);
            };
            if (out.length() + escaped.length() > limit) {
                return i;
            }
            out.append(escaped);
            i += Character.charCount(c);
        }
        return i;
    }

    private static String escapeAll(String text) {
        StringBuilder out = new StringBuilder();
        escape(text, Integer.MAX_VALUE - 1, out);
        return out.toString();
    }

    /** The text on one line, of which at most the first {@code max + 2} characters matter. */
    private static String oneLine(String text, int max) {
        String start = text == null ? "" : text.stripLeading();
        String head = start.length() - 2 > max ? start.substring(0, max + 2) : start;
        return clean(head).replace('\n', ' ').replace('\t', ' ').strip();
    }

    /** Code cannot escape a backtick, so backticks show as a look-alike that does not end it. */
    private static String verbatim(String text) {
        return text.replace('`', BACKTICK_LOOKALIKE);
    }

    /**
     * Line ends as {@code \n}; other control characters and bidirectional overrides as U+FFFD, so
     * text can neither hide part of itself nor turn the message around.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.replace("\r\n", "\n").replace('\r', '\n').codePoints()
                .forEach(c -> clean.appendCodePoint(c == '\n' || c == '\t' || readable(c) ? c : '\uFFFD'));
        return clean.toString();
    }

    private static boolean readable(int c) {
        boolean bidiControl = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        return !Character.isISOControl(c) && !bidiControl;
    }
}
