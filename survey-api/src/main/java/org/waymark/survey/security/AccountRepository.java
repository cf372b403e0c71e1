package org.waymark.survey.security;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Researcher accounts. */
@Repository
class AccountRepository {

    /** An account; {@code totpSecret} is its second factor's secret in Base32, or null if it has none. */
    record Account(
            long id, String username, String passwordHash, boolean siteAdmin, boolean enabled, String totpSecret) {

        boolean hasSecondFactor() {
            return totpSecret != null;
        }
    }

    /** An account as an admin sees it: never its password hash. */
    record Listed(String username, boolean siteAdmin, boolean enabled, LocalDateTime createdAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Account> findByUsername(String username) {
        return jdbc.sql("""
                        SELECT id, username, password_hash, site_admin, enabled, totp_secret
                        FROM researcher_account WHERE username = ?""").param(username).query(Account.class).optional();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM researcher_account")
                .query(Long.class)
                .single();
    }

    List<Listed> list() {
        return jdbc.sql("SELECT username, site_admin, enabled, created_at FROM researcher_account ORDER BY username")
                .query(Listed.class)
                .list();
    }

    void insert(String username, String passwordHash, boolean siteAdmin) {
        jdbc.sql("""
                        INSERT INTO researcher_account (username, password_hash, site_admin, enabled, created_at)
                        VALUES (?, ?, ?, TRUE, ?)""")
                .params(username, passwordHash, siteAdmin, LocalDateTime.now(clock))
                .update();
    }

    boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("UPDATE researcher_account SET enabled = ? WHERE username = ?")
                        .params(enabled, username)
                        .update()
                == 1;
    }

    void setPasswordHash(String username, String passwordHash) {
        jdbc.sql("UPDATE researcher_account SET password_hash = ? WHERE username = ?")
                .params(passwordHash, username)
                .update();
    }

    /** Switches the second factor on, with the step of the code that confirmed it already used. */
    void setSecondFactor(String username, String base32Secret, long confirmedStep) {
        jdbc.sql("UPDATE researcher_account SET totp_secret = ?, totp_last_step = ? WHERE username = ?")
                .params(base32Secret, confirmedStep, username)
                .update();
    }

    void removeSecondFactor(String username) {
        jdbc.sql("UPDATE researcher_account SET totp_secret = NULL, totp_last_step = NULL WHERE username = ?")
                .param(username)
                .update();
    }

    /**
     * Marks a code's step as used, if no code of this step or a later one was accepted before: false
     * means the code was used already. One statement, so two requests with the same code cannot both win.
     */
    boolean useStep(String username, long step) {
        return jdbc.sql("""
                        UPDATE researcher_account SET totp_last_step = ?
                        WHERE username = ? AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ?)""").params(step, username, step).update() == 1;
    }
}
