package org.waymark.survey.contacts;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.waymark.survey.audit.AuditLog;

/**
 * After a key rotation, re-seals at start-up every value sealed under an earlier key that is still
 * configured, with the current key, a hundred at a time, each batch in its own transaction. Once
 * none is left under an old key, that key can be removed from {@code waymark.contact.previous-keys}.
 */
@Component
class ContactKeyRotation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ContactKeyRotation.class);
    static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final ContactCipher cipher;
    private final TransactionTemplate transaction;
    private final AuditLog audit;

    ContactKeyRotation(JdbcClient jdbc, ContactCipher cipher, TransactionTemplate transaction, AuditLog audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transaction = transaction;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        int resealed = resealWithCurrentKey();
        if (resealed > 0) {
            log.info("Re-sealed {} contact value(s) with the current contact key", resealed);
        }
    }

    /** Re-seals values under the earlier keys; returns how many. Values that will not open stay as they are. */
    int resealWithCurrentKey() {
        if (!cipher.available() || cipher.previousKeyIds().isEmpty()) {
            return 0;
        }
        int total = 0;
        Batch batch = new Batch(0, 0, 0);
        do {
            long after = batch.lastResponseId();
            batch = transaction.execute(status -> resealBatch(cipher.previousKeyIds(), after));
            total += batch.resealed();
        } while (batch.read() == BATCH);
        if (total > 0) {
            audit.record(
                    "system",
                    "contacts.resealed",
                    null,
                    null,
                    total + " contact value(s) re-sealed with key " + cipher.currentKeyId());
        }
        return total;
    }

    /** One batch: how many rows were read, how many re-sealed, and the last row read. */
    private record Batch(int read, int resealed, long lastResponseId) {}

    private Batch resealBatch(List<String> earlierKeys, long after) {
        record Row(long responseId, String studyId, String keyId, byte[] sealed) {}
        List<Row> rows = jdbc.sql("SELECT response_id, study_id, key_id, sealed FROM follow_up_contact"
                        + " WHERE key_id IN (:keys) AND response_id > :after ORDER BY response_id LIMIT " + BATCH
                        + " FOR UPDATE")
                .param("keys", earlierKeys)
                .param("after", after)
                .query((rs, row) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .list();
        int resealed = 0;
        for (Row row : rows) {
            try {
                String value = cipher.open(
                        new ContactCipher.Sealed(row.keyId(), row.sealed()), row.studyId(), row.responseId());
                ContactCipher.Sealed fresh = cipher.seal(value, row.studyId(), row.responseId());
                jdbc.sql("UPDATE follow_up_contact SET key_id = ?, sealed = ? WHERE response_id = ?")
                        .params(fresh.keyId(), fresh.bytes(), row.responseId())
                        .update();
                resealed++;
            } catch (ContactCipher.UnreadableException e) {
                log.warn("A contact value of study {} could not be re-sealed: {}", row.studyId(), e.getMessage());
            }
        }
        return new Batch(
                rows.size(), resealed, rows.isEmpty() ? after : rows.getLast().responseId());
    }
}
