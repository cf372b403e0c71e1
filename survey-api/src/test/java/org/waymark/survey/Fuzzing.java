package org.waymark.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Seeded fuzzing without a fuzzing engine: a generator makes inputs from a {@link Random}, a check
 * throws on anything the target must never do. Every input that fails is written to {@code
 * target/fuzz-findings/<target>/} so it can be kept in {@code src/test/resources/fuzz/<target>/}, where
 * {@link #corpus} replays it in every build. The seed is printed, and {@code -Dwaymark.fuzz.seed=}
 * repeats a run exactly. (Jazzer is not used: it needs its own agent and is not in the project's package
 * mirror; see docs/robustness.md.)
 */
public final class Fuzzing {

    /** Inputs in the short form, run by every build. */
    public static final int SHORT = 2_000;

    private Fuzzing() {}

    /** The long form's count: {@code -Dwaymark.fuzz.iterations=}, by default 200,000. */
    public static int longIterations() {
        return Integer.getInteger("waymark.fuzz.iterations", 200_000);
    }

    /** The seed: {@code -Dwaymark.fuzz.seed=} to repeat a run, otherwise a new one, printed. */
    public static long seed() {
        return Long.getLong("waymark.fuzz.seed", System.nanoTime());
    }

    /**
     * Runs {@code iterations} generated inputs through {@code check}, and fails listing the inputs that
     * threw, after writing each to {@code target/fuzz-findings/<target>/}.
     */
    public static void run(String target, int iterations, Function<Random, String> generator, Consumer<String> check) {
        run(target, iterations, generator, Function.identity(), check);
    }

    /** As {@link #run(String, int, Function, Consumer)}, for inputs kept as the text {@code asText} gives. */
    public static <T> void run(
            String target,
            int iterations,
            Function<Random, T> generator,
            Function<T, String> asText,
            Consumer<T> check) {
        long seed = seed();
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int failing = 0;
        long started = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            T input = generator.apply(random);
            try {
                check.accept(input);
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                failing++;
                if (failures.size() < 20) {
                    String text = asText.apply(input);
                    failures.add("input " + i + ": " + e + "\n" + shorten(text));
                    keep(target, seed + "-" + i, text);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Fuzzing %s: %d inputs from seed %d in %.1f s, %d failing%n",
                target,
                iterations,
                seed,
                (System.nanoTime() - started) / 1e9,
                failing);
        assertThat(failures)
                .as("inputs that broke %s (seed %d; kept under target/fuzz-findings/%s)", target, seed, target)
                .isEmpty();
    }

    /** The kept inputs of a target, from {@code src/test/resources/fuzz/<target>/}, one per file. */
    public static List<String> corpus(String target) {
        URL folder = Fuzzing.class.getResource("/fuzz/" + target);
        assertThat(folder).as("the corpus folder fuzz/%s", target).isNotNull();
        try (var files = Files.list(Path.of(folder.toURI()))) {
            List<String> inputs = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                inputs.add(Files.readString(file, StandardCharsets.UTF_8));
            }
            assertThat(inputs).as("the corpus of %s", target).isNotEmpty();
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keep(String target, String name, String input) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "fuzz-findings", target));
            // A lone surrogate cannot be written as UTF-8; it is kept as a question mark.
            Files.write(folder.resolve(name + ".txt"), input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shorten(String input) {
        return input.length() > 600 ? input.substring(0, 600) + "…" : input;
    }

    /** A random element. */
    public static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Odd text: control characters, quotes, surrogates, right-to-left marks, long runs, plain words. */
    public static String oddText(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> " \t\n";
            case 2 -> "x".repeat(random.nextInt(5_000));
            case 3 -> "\u0000\u0007\u001b[31m";
            case 4 -> "\uD83D\uDE00 \u202E\u200B ünïcödé";
            case 5 -> "\uD800 lone surrogate";
            case 6 -> "'\"\\/{}[]$.*";
            default -> {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    text.append((char) random.nextInt(random.nextBoolean() ? 128 : 0x3000));
                }
                yield text.toString();
            }
        };
    }
}
