package org.waymark.survey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Canary words: unique made-up words planted in answers, then looked for where they must not be, in
 * every text column of every table, in the raw bytes of files, and in the log file the test profile
 * writes ({@code logging.file.name}).
 */
public final class Canaries {

    /** What every canary word starts with, so that a whole run's log can be searched for all of them. */
    public static final String PREFIX = "qzcanary";

    private static final AtomicInteger PLANTED = new AtomicInteger();

    private Canaries() {}

    /** A word found nowhere else: letters only, so every analyzer keeps it whole. */
    public static String next() {
        PLANTED.incrementAndGet();
        StringBuilder word = new StringBuilder(PREFIX);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    /** How many canary words this test run has made so far. */
    public static int planted() {
        return PLANTED.get();
    }

    /** Every {@code table.column} of the application's schema whose text holds the word. */
    public static List<String> tablesContaining(JdbcClient jdbc, String word) {
        record Column(String table, String column) {}
        List<Column> columns = jdbc.sql("""
                        SELECT table_name, column_name FROM information_schema.columns
                        WHERE table_schema = DATABASE()
                          AND data_type IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext',
                                            'json', 'binary', 'varbinary', 'blob', 'mediumblob', 'longblob')
                        ORDER BY table_name, column_name""")
                .query((rs, row) -> new Column(rs.getString(1), rs.getString(2)))
                .list();
        if (columns.isEmpty()) {
            throw new IllegalStateException("no text columns found: the check would prove nothing");
        }
        List<String> found = new ArrayList<>();
        for (Column column : columns) {
            long rows = jdbc.sql("SELECT COUNT(*) FROM `" + column.table() + "` WHERE LOWER(`" + column.column()
                            + "`) LIKE ?")
                    .param("%" + word.toLowerCase(Locale.ROOT) + "%")
                    .query(Long.class)
                    .single();
            if (rows > 0) {
                found.add(column.table() + "." + column.column());
            }
        }
        return found;
    }

    /** Every file under the folder whose raw bytes hold the word. */
    public static List<Path> filesContaining(Path root, String word) {
        byte[] needle = word.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> contains(file, needle))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log file this test run writes, which must exist for a check of it to mean anything. */
    public static Path logFile(Environment environment) {
        Path log = Path.of(environment.getRequiredProperty("logging.file.name"));
        if (!Files.isRegularFile(log)) {
            throw new IllegalStateException("the test profile's log file is missing: " + log.toAbsolutePath());
        }
        return log;
    }

    public static boolean logContains(Environment environment, String word) {
        return contains(logFile(environment), word.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contains(Path file, byte[] needle) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return false; // a file Lucene deleted while the walk ran
        }
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
