package org.waymark.survey.audit;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.Sha256;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit hash chain. An entry's hash is SHA-256 over a JSON array of its fields and the previous
 * entry's hash: JSON, so that no choice of field values can make two different entries read alike. The
 * first entry follows {@link #GENESIS}.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    /** The fields an entry's hash covers; id orders the chain but is not hashed. */
    record Entry(
            long id,
            LocalDateTime occurredAt,
            String actor,
            String action,
            String studyId,
            String target,
            String detail) {}

    /** A stored entry with its chain columns. */
    record Stored(Entry entry, String previousHash, String entryHash) {}

    static final RowMapper<Stored> STORED = (rs, row) -> new Stored(
            new Entry(
                    rs.getLong("id"),
                    rs.getObject("occurred_at", LocalDateTime.class),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("study_id"),
                    rs.getString("target"),
                    rs.getString("detail")),
            rs.getString("previous_hash"),
            rs.getString("entry_hash"));

    static final String COLUMNS = "id, occurred_at, actor, action, study_id, target, detail, previous_hash, entry_hash";

    private AuditChain() {}

    static String hash(Entry entry, String previousHash) {
        List<String> fields = Arrays.asList(
                TIME.format(entry.occurredAt()),
                entry.actor(),
                entry.action(),
                entry.studyId(),
                entry.target(),
                entry.detail(),
                previousHash);
        return Sha256.hex(JSON.writeValueAsString(fields));
    }

    /**
     * Locks the chain's head until the transaction ends and returns the newest entry's hash. Entries
     * written before the chain existed (before migration 0009) are chained first, once, in id order.
     */
    static String lockHead(JdbcClient jdbc) {
        String last = jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query(String.class)
                .optional()
                .orElse(null);
        return last != null ? last : chainEarlierEntries(jdbc);
    }

    static void moveHead(JdbcClient jdbc, long eventId, String hash) {
        jdbc.sql("UPDATE audit_chain_head SET last_event_id = ?, last_hash = ? WHERE id = 1")
                .params(eventId, hash)
                .update();
    }

    private static String chainEarlierEntries(JdbcClient jdbc) {
        String previous = GENESIS;
        long lastId = 0;
        List<Stored> earlier = jdbc.sql("SELECT " + COLUMNS + " FROM audit_event ORDER BY id")
                .query(STORED)
                .list();
        for (Stored stored : earlier) {
            String hash = hash(stored.entry(), previous);
            jdbc.sql("UPDATE audit_event SET previous_hash = ?, entry_hash = ? WHERE id = ?")
                    .params(previous, hash, stored.entry().id())
                    .update();
            previous = hash;
            lastId = stored.entry().id();
        }
        if (lastId > 0) {
            moveHead(jdbc, lastId, previous);
        }
        return previous;
    }
}
