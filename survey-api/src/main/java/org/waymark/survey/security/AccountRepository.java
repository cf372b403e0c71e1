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

    record Account(long id, String username, String passwordHash, boolean siteAdmin, boolean enabled) {}

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
                        SELECT id, username, password_hash, site_admin, enabled
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
}
