package org.waymark.survey.security;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.studies.StudyCreated;

/** Who holds which role in which study ({@code study_role}). */
@Repository
class StudyRoles {

    /** A study one account has a role in. */
    record Membership(String studyId, String role) {}

    /** A study one account has a role in, with its newest title and status, for the workspace page. */
    record Titled(String studyId, String title, String status, boolean synthetic, String role) {}

    /** A study's newest title and its status, whoever asks. */
    record Summary(String title, String status, boolean synthetic) {}

    /** An account's role in a study. */
    record Member(String username, String role, LocalDateTime grantedAt) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    StudyRoles(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The role of an enabled account in a study, if it has one. */
    Optional<StudyRole> roleOf(String username, String studyId) {
        return jdbc.sql("""
                        SELECT r.role FROM study_role r JOIN researcher_account a ON a.id = r.account_id
                        WHERE a.username = ? AND a.enabled AND r.study_id = ?""")
                .params(username, studyId)
                .query(String.class)
                .optional()
                .flatMap(StudyRole::fromId);
    }

    List<Membership> studiesOf(String username) {
        return jdbc.sql("""
                        SELECT r.study_id, r.role FROM study_role r JOIN researcher_account a ON a.id = r.account_id
                        WHERE a.username = ? ORDER BY r.study_id""").param(username).query(Membership.class).list();
    }

    List<Titled> titledStudiesOf(String username) {
        return jdbc.sql("""
                        SELECT r.study_id, (SELECT v.title FROM study_version v WHERE v.study_id = s.id
                                            ORDER BY v.version DESC LIMIT 1) AS title,
                               s.status, s.synthetic, r.role
                        FROM study_role r JOIN researcher_account a ON a.id = r.account_id
                        JOIN study s ON s.id = r.study_id
                        WHERE a.username = ? ORDER BY title, r.study_id""").param(username).query(Titled.class).list();
    }

    Optional<Summary> summaryOf(String studyId) {
        return jdbc.sql("""
                        SELECT (SELECT v.title FROM study_version v WHERE v.study_id = s.id
                                ORDER BY v.version DESC LIMIT 1) AS title, s.status, s.synthetic
                        FROM study s WHERE s.id = ?""").param(studyId).query(Summary.class).optional();
    }

    List<Member> membersOf(String studyId) {
        return jdbc.sql("""
                        SELECT a.username, r.role, r.granted_at FROM study_role r
                        JOIN researcher_account a ON a.id = r.account_id
                        WHERE r.study_id = ? ORDER BY a.username""").param(studyId).query(Member.class).list();
    }

    /** Gives an account a role in a study, replacing any role it had there. */
    void grant(long accountId, String studyId, StudyRole role) {
        jdbc.sql("""
                        INSERT INTO study_role (account_id, study_id, role, granted_at) VALUES (?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE role = VALUES(role), granted_at = VALUES(granted_at)""")
                .params(accountId, studyId, role.id(), LocalDateTime.now(clock))
                .update();
    }

    boolean revoke(long accountId, String studyId) {
        return jdbc.sql("DELETE FROM study_role WHERE account_id = ? AND study_id = ?")
                        .params(accountId, studyId)
                        .update()
                == 1;
    }

    boolean studyExists(String studyId) {
        return jdbc.sql("SELECT COUNT(*) FROM study WHERE id = ?")
                        .param(studyId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Locks the study's row until the transaction ends, so that changes to its owners are made one at a
     * time: two owners demoting each other at once would otherwise both count two owners and leave none.
     * Call it first in the transaction: InnoDB's snapshot for plain reads is taken at the first of them,
     * so reads after the lock see what the transaction that held it committed. False if there is no study.
     */
    boolean lockStudy(String studyId) {
        return jdbc.sql("SELECT id FROM study WHERE id = ? FOR UPDATE")
                .param(studyId)
                .query(String.class)
                .optional()
                .isPresent();
    }

    long owners(String studyId) {
        return jdbc.sql("SELECT COUNT(*) FROM study_role WHERE study_id = ? AND role = ?")
                .params(studyId, StudyRole.OWNER.id())
                .query(Long.class)
                .single();
    }

    /** Whoever uploads a study owns it. The studies Waymark ships have no owner until an admin names one. */
    @EventListener
    void makeUploaderOwner(StudyCreated created) {
        Optional<Long> account = jdbc.sql("SELECT id FROM researcher_account WHERE username = ?")
                .param(created.actor())
                .query(Long.class)
                .optional();
        account.ifPresent(id -> {
            grant(id, created.studyId(), StudyRole.OWNER);
            audit.record(created.actor(), "role.granted", created.studyId(), created.actor(), "owner, as uploader");
        });
    }
}
