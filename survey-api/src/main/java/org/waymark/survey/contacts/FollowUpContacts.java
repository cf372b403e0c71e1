package org.waymark.survey.contacts;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.studies.StudyService;

/**
 * Contact details left for follow-up: sealed on the way in, in their own table beside the response
 * they came with, and opened only for a study's owners, one audit entry per reading. Withdrawal deletes
 * the row with the answers ({@code ResponseStore.withdraw}); deleting a response deletes it too (the
 * foreign key cascades), so draft expiry and study retention need nothing more.
 */
@Service
class FollowUpContacts {

    private static final Logger log = LoggerFactory.getLogger(FollowUpContacts.class);

    /** What the study's owners read. No response id and no time: a contact is not to be linked to answers. */
    record Contact(String kind, String contact) {}

    record Contacts(String studyId, String purpose, List<Contact> contacts, int unreadable) {}

    private final JdbcClient jdbc;
    private final ContactCipher cipher;
    private final StudyService studies;
    private final AuditLog audit;
    private final Clock clock;

    FollowUpContacts(JdbcClient jdbc, ContactCipher cipher, StudyService studies, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether contact details can be kept at all: a key is configured. */
    boolean available() {
        return cipher.available();
    }

    /**
     * Seals and keeps the details for a submitted response of the study, replacing any left before.
     * Returns false when the response is no longer submitted (withdrawn meanwhile, say).
     */
    @Transactional
    boolean save(String studyId, String responseId, ContactAddress address) {
        var response =
                jdbc.sql("""
                        SELECT id FROM response WHERE study_id = ? AND pseudonym = ? AND status = 'submitted'
                        FOR UPDATE""").params(studyId, responseId).query(Long.class).optional();
        if (response.isEmpty()) {
            return false;
        }
        ContactCipher.Sealed sealed = cipher.seal(address.value(), studyId, response.get());
        jdbc.sql("""
                        INSERT INTO follow_up_contact (response_id, study_id, key_id, sealed, created_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE key_id = VALUES(key_id), sealed = VALUES(sealed),
                                                created_at = VALUES(created_at)""")
                .params(response.get(), studyId, sealed.keyId(), sealed.bytes(), LocalDateTime.now(clock))
                .update();
        return true;
    }

    /** Opens a study's contact details for one of its owners, and records that they were read. */
    @Transactional
    Contacts read(String studyId, String actor) {
        var study = studies.published(studyId).definition().definition();
        record Row(long responseId, String keyId, byte[] sealed) {}
        List<Row> rows = jdbc.sql("SELECT response_id, key_id, sealed FROM follow_up_contact WHERE study_id = ?")
                .param(studyId)
                .query((rs, row) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
                .list();
        List<Contact> contacts = new ArrayList<>();
        int unreadable = 0;
        for (Row row : rows) {
            try {
                String value =
                        cipher.open(new ContactCipher.Sealed(row.keyId(), row.sealed()), studyId, row.responseId());
                contacts.add(new Contact(
                        ContactAddress.check(value)
                                .address()
                                .map(address -> address.kind().name().toLowerCase(Locale.ROOT))
                                .orElse("unknown"),
                        value));
            } catch (ContactCipher.UnreadableException e) {
                unreadable++;
                log.warn("A contact value of study {} could not be opened: {}", studyId, e.getMessage());
            }
        }
        // Sorted by the details themselves, so the order says nothing about when, or after whom, each came.
        contacts.sort(Comparator.comparing(Contact::kind).thenComparing(Contact::contact));
        audit.record(
                actor,
                "contacts.read",
                studyId,
                null,
                contacts.size() + " contact(s) read" + (unreadable > 0 ? ", " + unreadable + " unreadable" : ""));
        return new Contacts(
                studyId, study.followUp() == null ? null : study.followUp().purpose(), contacts, unreadable);
    }
}
