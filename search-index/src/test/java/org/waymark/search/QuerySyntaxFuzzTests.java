package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the search syntax: token soup from the classic query language (words, quotes,
 * operators, brackets, wildcards, fuzzy and proximity marks, boosts of any size, field names, ranges,
 * regular expressions, escapes) and odd text. A query either parses or is refused with a {@link
 * QuerySyntaxException} whose message says what to change; nothing else may escape. Failing inputs are
 * written to {@code target/fuzz-findings/query/}; those kept in {@code src/test/resources/fuzz/query/}
 * are replayed by every build. {@code -Dwaymark.fuzz.seed=} repeats a run; the long form runs with
 * {@code -Pbenchmark} and {@code -Dwaymark.fuzz.iterations=} (docs/robustness.md in the repository).
 */
class QuerySyntaxFuzzTests {

    private static final List<String> TOKENS = List.of(
            "care",
            "plan",
            "recover",
            "AND",
            "OR",
            "NOT",
            "and",
            "&&",
            "||",
            "!",
            "+",
            "-",
            "(",
            ")",
            "\"",
            "\"care plan\"",
            "~",
            "~2",
            "~0.5",
            "~1.5",
            "~99999999999999999999",
            "^",
            "^2",
            "^0",
            "^99999999999999999999999999999999999999999",
            "^1.5",
            "*",
            "rec*",
            "re*",
            "*re",
            "c*re",
            "?",
            "text:",
            "text_exact:",
            "other:",
            "[a TO b]",
            "{a TO b}",
            "/reg.*ex/",
            "/",
            "\\",
            "\\\"",
            ":",
            " ",
            "  ",
            "\t",
            "é",
            "\u0000",
            "\uD83D\uDE00",
            "TO",
            "[",
            "]",
            "{",
            "}",
            "a",
            "the",
            "why?",
            "𝒜");

    @Test
    void parsesOrRefusesInPlainWords() {
        run(20_000);
    }

    @Test
    void replaysTheKeptInputs() throws IOException, URISyntaxException {
        Path folder =
                Path.of(QuerySyntaxFuzzTests.class.getResource("/fuzz/query").toURI());
        List<Path> files;
        try (var listed = Files.list(folder)) {
            files = listed.sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            parseOrRefuse(Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @Test
    @Tag("benchmark")
    void longForm() {
        run(Integer.getInteger("waymark.fuzz.iterations", 200_000) * 5);
    }

    private static void parseOrRefuse(String text) {
        try {
            assertThat(QuerySyntax.parse(text)).isNotNull();
        } catch (QuerySyntaxException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("Exception", "org.apache", "Lucene");
        }
    }

    private static void run(int iterations) {
        long seed = Long.getLong("waymark.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int failing = 0;
        long started = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            String query = query(random);
            try {
                parseOrRefuse(query);
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                failing++;
                if (failures.size() < 20) {
                    failures.add("input " + i + ": " + e + "\n" + query);
                    keep(seed + "-" + i, query);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Fuzzing query: %d inputs from seed %d in %.1f s, %d failing%n",
                iterations,
                seed,
                (System.nanoTime() - started) / 1e9,
                failing);
        assertThat(failures)
                .as("queries that broke QuerySyntax (seed %d; kept under target/fuzz-findings/query)", seed)
                .isEmpty();
    }

    private static String query(Random random) {
        if (random.nextInt(10) == 0) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(random.nextInt(10) == 0 ? 600 : 30);
            for (int i = 0; i < length; i++) {
                text.append((char) random.nextInt(random.nextBoolean() ? 128 : 0x3000));
            }
            return text.toString();
        }
        StringBuilder text = new StringBuilder();
        int tokens = random.nextInt(12);
        for (int i = 0; i < tokens; i++) {
            text.append(TOKENS.get(random.nextInt(TOKENS.size())));
            if (random.nextInt(3) != 0) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    private static void keep(String name, String query) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "fuzz-findings", "query"));
            // A lone surrogate cannot be written as UTF-8; it is kept as a question mark.
            Files.write(folder.resolve(name + ".txt"), query.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
