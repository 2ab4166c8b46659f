package dev.runbot.bot.github;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes text that came from people or the cluster into GitHub-flavoured Markdown so that it
 * shows as exactly that text: it cannot format, link, ping anyone, open HTML or hide the rest of
 * the comment. Every method takes plain text and a limit on what it writes.
 */
final class GitHubMarkdown {

    /** Joins {@code @} to the next character, so {@code @octocat} shows but mentions nobody. */
    private static final String NO_MENTION = "@\u200D";
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern LIST_NUMBER = Pattern.compile("^(\\d{1,9})([.)])");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");

    private GitHubMarkdown() {
    }

    /** One line of text, e.g. a title or a table cell: newlines become spaces, "…" ends a cut. */
    static String inline(String text, int max) {
        String clean = clean(text).replace('\n', ' ').replace('\t', ' ').strip();
        StringBuilder out = new StringBuilder();
        int end = escape(clean, max, out);
        return end < clean.length() ? out.append('…').toString() : out.toString();
    }

    /**
     * Lines of prose: each line stays a line, blank lines separate paragraphs, and nothing at the
     * start of a line turns it into a heading, list or quote. Past {@code max} characters the rest
     * is cut with a note that says how much.
     */
    static String prose(String text, int max) {
        String clean = clean(text).strip();
        String[] lines = clean.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace('\t', ' ').strip();
            if (out.length() >= max) {
                return out.append("…\n\n").append(cutNote(clean.length() - offset)).toString();
            }
            boolean afterBlank = i > 0 && lines[i - 1].isBlank();
            if (i > 0 && !(line.isEmpty() && afterBlank)) {
                out.append(line.isEmpty() || afterBlank ? "\n" : "\\\n");
            }
            StringBuilder escaped = new StringBuilder();
            int end = escape(line, max - out.length(), escaped);
            out.append(startOfLine(escaped.toString()));
            if (end < line.length()) {
                int lead = lines[i].length() - lines[i].stripLeading().length();
                return out.append("…\n\n").append(cutNote(clean.length() - offset - lead - end)).toString();
            }
            offset += lines[i].length() + 1;
        }
        return out.toString();
    }

    /** A code span, e.g. {@code `/preview pin 72h`}, on one line. */
    static String code(String text, int max) {
        return codeSpan(text, max, false);
    }

    /** A code span for a table cell, where a {@code |} would otherwise end the cell. */
    static String cellCode(String text, int max) {
        return codeSpan(text, max, true);
    }

    /**
     * A fenced code block that shows the text as it is, line for line, with a fence longer than
     * any run of backticks in it. Past {@code max} characters the rest is cut with a note below.
     */
    static String codeBlock(String text, int max) {
        String clean = verbatim(clean(text).strip());
        String shown = clean.length() > max ? clean.substring(0, cutIndex(clean, max)) : clean;
        String fence = "`".repeat(Math.max(3, longestBacktickRun(shown) + 1));
        String block = fence + "text\n" + shown + "\n" + fence;
        return shown.length() < clean.length() ? block + "\n\n" + cutNote(clean.length() - shown.length()) : block;
    }

    /** A link in a table cell; an address that is not http(s) or is too long shows as code instead. */
    static String cellLink(String label, String url, int max) {
        String address = url == null ? "" : url.strip();
        if (!address.toLowerCase(Locale.ROOT).matches("https?://\\S+") || address.length() > max) {
            return cellCode(address, 100);
        }
        return "[" + inline(label, 100) + "](" + percentEncode(address) + ")";
    }

    /** {@code @login}, which mentions the person; anything that is not a GitHub login shows as text. */
    static String mention(String login) {
        return login != null && LOGIN.matcher(login).matches() ? "@" + login : inline(login, 60);
    }

    /** The note that says text was cut and how much of it. */
    static String cutNote(int characters) {
        return String.format(Locale.ROOT, "*… (cut, %,d characters)*", characters);
    }

    private static String codeSpan(String text, int max, boolean inTable) {
        String clean = verbatim(clean(text).replace('\n', ' ').replace('\t', ' ').strip());
        String shown = clean.length() > max ? clean.substring(0, cutIndex(clean, max)) + "…" : clean;
        String ticks = "`".repeat(longestBacktickRun(shown) + 1);
        String pad = shown.startsWith("`") || shown.endsWith("`") ? " " : "";
        String span = ticks + pad + shown + pad + ticks;
        return inTable ? span.replace("|", "\\|") : span;
    }

    /**
     * Appends the escaped text until {@code max} characters are written; returns how far into
     * {@code text} it got.
     */
    private static int escape(String text, int max, StringBuilder out) {
        int limit = out.length() + max;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            String escaped = switch (c) {
                case '\\', '`', '*', '_', '[', ']', '~', '|', '$' -> "\\" + (char) c;
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '@' -> next < text.length() && Character.isLetterOrDigit(text.charAt(next)) ? NO_MENTION : "@";
                default -> Character.toString(c);
            };
            if (out.length() + escaped.length() > limit) {
                return i;
            }
            out.append(escaped);
            i = next;
        }
        return i;
    }

    /** Keeps an escaped line from starting a heading, list or rule: {@code # x}, {@code - x}, {@code 1. x}. */
    private static String startOfLine(String line) {
        if (line.startsWith("#") || line.startsWith("-") || line.startsWith("+") || line.startsWith("=")) {
            return "\\" + line;
        }
        return LIST_NUMBER.matcher(line).replaceFirst("$1\\\\$2");
    }

    /**
     * Line ends as {@code \n}; other control characters and bidirectional overrides as U+FFFD, so
     * text can neither hide part of itself nor turn the comment around.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        lines.codePoints().forEach(c -> clean.appendCodePoint(c == '\n' || c == '\t' || readable(c) ? c : '\uFFFD'));
        return clean.toString();
    }

    private static boolean readable(int c) {
        boolean bidiControl = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        return !Character.isISOControl(c) && !bidiControl;
    }

    /** Text shown verbatim (code) cannot be escaped, so an HTML comment opener is broken up instead. */
    private static String verbatim(String text) {
        return text.replace("<!--", "<!\u200B--");
    }

    private static int cutIndex(String text, int max) {
        return Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    }

    private static int longestBacktickRun(String text) {
        return BACKTICKS.matcher(text).results().mapToInt(run -> run.group().length()).max().orElse(0);
    }

    private static String percentEncode(String url) {
        StringBuilder out = new StringBuilder();
        for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = c > 0x20 && c < 0x7F && "\"<>\\^`{|}()".indexOf(c) < 0;
            out.append(plain ? Character.toString(c) : String.format(Locale.ROOT, "%%%02X", c));
        }
        return out.toString();
    }
}
