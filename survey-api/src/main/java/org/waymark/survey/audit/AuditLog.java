package org.waymark.survey.audit;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records who did what, when, in the same transaction as the change itself. Entries name studies and
 * pseudonymous ids only: never an answer, a name or a code a participant holds.
 *
 * <p>Entries form a hash chain: each carries the hash of the entry before it and a hash over its own
 * fields and that one ({@link AuditChain}), so a changed, inserted or removed entry breaks the chain at
 * that point. Writers lock the chain's head row, so entries join the chain one at a time, in id order.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void record(String actor, String action, String studyId, String target, String detail) {
        String previous = AuditChain.lockHead(jdbc);
        // The database keeps microseconds; the hash is taken over what it keeps.
        LocalDateTime at = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        var entry = new AuditChain.Entry(0, at, actor, action, studyId, target, detail);
        String hash = AuditChain.hash(entry, previous);
        long id = jdbc.sql("""
                        INSERT INTO audit_event (occurred_at, actor, action, study_id, target, detail, previous_hash,
                                                 entry_hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(at, actor, action, studyId, target, detail, previous, hash)
                .query(Long.class)
                .single();
        AuditChain.moveHead(jdbc, id, hash);
    }
}
