package org.waymark.survey.audit;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the audit chain from the first entry to the newest and reports the first entry that does not
 * hold: one whose fields no longer give its hash (changed), or whose previous hash is not the hash of the
 * entry before it (an entry removed or inserted there), or a chain that ends before its recorded head
 * (the newest entries removed).
 */
@Component
class AuditVerifier {

    private static final int PAGE = 1000;

    /** The outcome: how many entries were checked, and the first broken one, if any. */
    record Verification(boolean intact, long entriesChecked, Long firstBrokenEntry, String problem) {

        static Verification intact(long checked) {
            return new Verification(true, checked, null, null);
        }

        static Verification broken(long checked, Long entry, String problem) {
            return new Verification(false, checked, entry, problem);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    AuditVerifier(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    Verification verify() {
        // Entries from before the chain existed are chained first, as the next write would do.
        transaction.executeWithoutResult(status -> AuditChain.lockHead(jdbc));
        String expectedPrevious = AuditChain.GENESIS;
        long lastId = 0;
        long checked = 0;
        while (true) {
            List<AuditChain.Stored> page = jdbc.sql(
                            "SELECT " + AuditChain.COLUMNS + " FROM audit_event WHERE id > ? ORDER BY id LIMIT ?")
                    .params(lastId, PAGE)
                    .query(AuditChain.STORED)
                    .list();
            for (AuditChain.Stored stored : page) {
                long id = stored.entry().id();
                if (stored.entryHash() == null || stored.previousHash() == null) {
                    return Verification.broken(checked, id, "Entry " + id + " has lost its chain hashes.");
                }
                if (!stored.previousHash().equals(expectedPrevious)) {
                    return Verification.broken(
                            checked,
                            id,
                            "Entry " + id + " does not follow the entry before it: an entry was removed or"
                                    + " inserted just before it, or that entry was changed.");
                }
                if (!AuditChain.hash(stored.entry(), stored.previousHash()).equals(stored.entryHash())) {
                    return Verification.broken(
                            checked,
                            id,
                            "Entry " + id + " was changed after it was written: its fields no"
                                    + " longer give its hash.");
                }
                expectedPrevious = stored.entryHash();
                lastId = id;
                checked++;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return checkHead(checked, lastId, expectedPrevious);
    }

    private Verification checkHead(long checked, long lastId, String lastHash) {
        record Head(Long lastEventId, String lastHash) {}
        Head head = jdbc.sql("SELECT last_event_id, last_hash FROM audit_chain_head WHERE id = 1")
                .query((rs, row) -> new Head(rs.getObject(1, Long.class), rs.getString(2)))
                .optional()
                .orElse(new Head(null, null));
        boolean empty = checked == 0 && head.lastEventId() == null;
        if (empty || (head.lastEventId() != null && head.lastEventId() == lastId && lastHash.equals(head.lastHash()))) {
            return Verification.intact(checked);
        }
        return Verification.broken(
                checked,
                head.lastEventId(),
                "The chain ends at entry " + lastId + ", but its newest recorded entry is " + head.lastEventId()
                        + ": the newest entries were removed or the head was changed.");
    }
}
