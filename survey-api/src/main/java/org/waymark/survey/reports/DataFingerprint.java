package org.waymark.survey.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a report was built from: how many submitted responses, the latest submission time, and a
 * SHA-256 fingerprint of their coded answers (docs/reports.md#provenance).
 *
 * <p>The fingerprint is defined so that anyone with the same data gets the same value, whatever the
 * database ids or the order responses were stored in: each included response becomes one line, its
 * closed answers (every stored answer but free text) as {@code question=kind:value}, sorted by
 * question id and joined by tabs; each line is hashed with SHA-256; the line hashes, as lower-case
 * hex, are sorted and joined with a newline after each; the fingerprint is the SHA-256 of that.
 * Hashing each line first keeps 32 bytes per response in memory instead of its text.
 */
@Repository
class DataFingerprint {

    /** The exact figures: the report prints the count only through the disclosure profile. */
    record Fingerprint(long responses, LocalDateTime latestSubmission, String sha256) {}

    private final JdbcClient jdbc;

    DataFingerprint(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Fingerprint of(String studyId) {
        List<byte[]> lines = new ArrayList<>();
        LocalDateTime[] latest = new LocalDateTime[1];
        long[] current = {Long.MIN_VALUE};
        Map<String, String> answers = new TreeMap<>();
        jdbc.sql("""
                        SELECT r.id, r.submitted_at, a.question_id, a.kind, a.value
                        FROM response r LEFT JOIN answer a ON a.response_id = r.id AND a.kind <> 'text'
                        WHERE r.study_id = ? AND r.status = 'submitted'
                        ORDER BY r.id""").param(studyId).withFetchSize(2_000).query((RowCallbackHandler) row -> {
            long id = row.getLong(1);
            if (id != current[0]) {
                if (current[0] != Long.MIN_VALUE) {
                    lines.add(lineHash(answers));
                }
                answers.clear();
                current[0] = id;
                LocalDateTime submitted = row.getObject(2, LocalDateTime.class);
                if (submitted != null && (latest[0] == null || submitted.isAfter(latest[0]))) {
                    latest[0] = submitted;
                }
            }
            if (row.getString(3) != null) {
                answers.put(row.getString(3), row.getString(4) + ":" + nullToEmpty(row.getString(5)));
            }
        });
        if (current[0] != Long.MIN_VALUE) {
            lines.add(lineHash(answers));
        }
        lines.sort(Arrays::compareUnsigned);
        MessageDigest digest = sha256();
        HexFormat hex = HexFormat.of();
        for (byte[] line : lines) {
            digest.update((hex.formatHex(line) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return new Fingerprint(lines.size(), latest[0], hex.formatHex(digest.digest()));
    }

    private static byte[] lineHash(Map<String, String> answers) {
        StringBuilder line = new StringBuilder();
        answers.forEach((question, answer) -> {
            if (!line.isEmpty()) {
                line.append('\t');
            }
            line.append(question).append('=').append(answer);
        });
        return sha256().digest(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
