package dev.runbot.provisioner.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.commands.RepositoryName;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a repository holds in {@code .preview.yaml}, reading it gives exactly one result and readable words. */
class PreviewConfigParserPropertiesTest {

    private static final RepositoryName SHOP = new RepositoryName("acme", "shop");
    private static final int LONGEST_PROBLEM = 1_000;

    private static final List<String> KEYS = List.of(
            "project", "image", "tag", "fallbackTag", "port", "healthPath", "ttl", "autoDeploy", "label", "databases",
            "env", "resources", "cpu", "memory", "allowedOverrides", "slackChannel", "urlSuffix", "seed", "imgae", "Image",
            "auto_deploy", "LOG_LEVEL", "LOG-LEVEL", "1X", "<<", "? [a]", "\"quoted key\"", "'x'", "on", "~", "", "🚀", "\u202E");

    private static final List<String> VALUES = List.of(
            "ghcr.io/acme/shop", "ghcr.io/acme/shop:1.2", "pr-{number}-{sha7}", "{pr}", "8080", "0", "65536", "-1", "0x1F",
            "1e3", ".nan", ".inf", "80.5", "true", "yes", "off", "null", "~", "", "\"\"", "''", "/healthz", "healthz", "72h",
            "3x", "5m", "0m", "1d12h", "99999999999d", "always", "label", "command", "sometimes", "[postgres]",
            "[postgres, postgres]", "[mongodb]", "[]", "{}", "{ LOG_LEVEL: debug }", "{ A-B: 1 }", "{ cpu: 300m, memory: 512Mi }",
            "{ cpu: lots }", "[replicas, env.FEATURE_FLAG]", "\"#shop\"", "#shop", "random", "[../secrets.sql]",
            "[/etc/passwd]", "[db/seed.sql]", "&a [1, 2]", "*a", "&b { x: 1 }", "*b", "!custom x", "!!set { a }",
            "!!python/object:os.system x", "!!binary aGVsbG8=", "2024-01-01", "|\n  block\n", ">\n  folded\n", "\"unclosed",
            "'unclosed", "[unclosed", "{unclosed", "a: b", "\"\\q\"", "\"\\u0000\"", "\t", "\u0007", "\uD800", "x".repeat(300));

    private static final List<String> PIECES = List.of(
            ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a", "*a", "&", "*", "!", "!!", "|", ">", "?", "#", "%", "@", "`",
            "\"", "'", "\\", "\n", "\r\n", "\r", "\t", "  ", "    ", "---", "...", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
            "\uFEFF", "\u0000", "\u0085", "\u2028", "\uFFFF", "\uDC00", "é", "שלום", "<<: *a", "image: x");

    @Property(tries = 3000)
    void anyTextGivesExactlyOneResult(@ForAll("previewYaml") String text) {
        PreviewConfigResult result = PreviewConfigParser.parse(text, SHOP);

        assertThat(result).isNotNull();
        if (result instanceof PreviewConfigResult.Valid valid) {
            assertThat(valid.config().image()).isNotBlank();
        } else {
            List<ConfigProblem> problems = ((PreviewConfigResult.Invalid) result).problems();
            problems.forEach(PreviewConfigParserPropertiesTest::assertReadable);
        }
    }

    @Provide
    Arbitrary<String> previewYaml() {
        Arbitrary<String> line = Combinators.combine(
                Arbitraries.of("", "", "  ", "    ", "- ", "\t"), Arbitraries.of(KEYS), Arbitraries.of(": ", ":", " : ", ""),
                Arbitraries.of(VALUES)).as((indent, key, colon, value) -> indent + key + colon + value);
        Arbitrary<String> settings = line.list().ofMaxSize(20).map(lines -> String.join("\n", lines));
        Arbitrary<String> glued = Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.of(KEYS), Arbitraries.of(VALUES))
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> yamlish = Arbitraries.strings().withChars(" :-[]{},&*!|>?#\"'\n\tabc01.~<").ofMaxLength(200);
        return Arbitraries.oneOf(settings, glued, anything, yamlish, Arbitraries.just(null));
    }

    private static void assertReadable(ConfigProblem problem) {
        String text = problem.describe();
        assertThat(problem.message()).isNotBlank();
        assertThat(text).hasSizeLessThanOrEqualTo(LONGEST_PROBLEM);
        assertThat(text.codePoints().noneMatch(c -> Character.isISOControl(c)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)))
                .as("no control characters in %s", text).isTrue();
        problem.position().ifPresent(at -> assertThat(at.line()).isPositive());
    }
}
