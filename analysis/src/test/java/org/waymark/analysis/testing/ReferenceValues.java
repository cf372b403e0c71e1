package org.waymark.analysis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;

/**
 * Values printed by {@code src/test/r/reference-values.R} and committed as
 * {@code reference-values.csv}; the CSV's third column is the R expression behind each value.
 */
public final class ReferenceValues {
    private static final Map<String, Double> VALUES = load();

    /** Relative tolerance for closed-form statistics. */
    public static final double RELATIVE = 1e-9;

    private ReferenceValues() {}

    public static double get(String key) {
        return Objects.requireNonNull(VALUES.get(key), () -> "No reference value " + key);
    }

    /** The i-th element (1-based, as R counts) of a vector value. */
    public static double get(String key, int position) {
        return get(key + "_" + position);
    }

    /** Asserts agreement to 1e-9 relative, or 1e-15 absolute for a reference value of zero. */
    public static void assertMatches(double actual, String key) {
        assertClose(actual, get(key), RELATIVE, key);
    }

    public static void assertMatches(double actual, String key, int position) {
        assertClose(actual, get(key, position), RELATIVE, key + "_" + position);
    }

    public static void assertClose(double actual, double expected, double relative, String what) {
        final double tolerance = expected == 0 ? 1e-15 : Math.abs(expected) * relative;
        Assertions.assertThat(actual).as(what).isCloseTo(expected, Offset.offset(tolerance));
    }

    private static Map<String, Double> load() {
        final Map<String, Double> values = new HashMap<>();
        try (var in = ReferenceValues.class.getResourceAsStream("/reference-values.csv");
                var reader = new BufferedReader(new InputStreamReader(
                        Objects.requireNonNull(in, "reference-values.csv"), StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                final String[] parts = line.split(",", 3);
                values.put(parts[0], Double.parseDouble(parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
