package org.waymark.survey.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.waymark.survey.Sha256;

/**
 * Personal access tokens: 256 random bits, shown once when made and kept only as their SHA-256 (a
 * token is random, so a fast hash is enough: there is nothing to guess from it). Each is scoped to
 * studies, expires, and can be revoked.
 */
@Repository
class AccessTokens {

    /** Marks a string as a Waymark token, so that secret scanners and people can tell one at a glance. */
    static final String PREFIX = "wmk_";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as its owner sees it afterwards: never the token itself. */
    record Listed(
            long id,
            String name,
            List<String> studies,
            LocalDateTime createdAt,
            LocalDateTime expiresAt,
            boolean revoked,
            boolean siteAdmin) {}

    /**
     * A token that a request presented, if it is still good; {@code siteAdmin} when it was made for the
     * site's administration and its account is still a site admin.
     */
    record Valid(String username, Set<String> studies, boolean siteAdmin) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Stores a new token's hash and scope; returns its id. */
    long insert(
            long accountId,
            String name,
            String token,
            Set<String> studies,
            LocalDateTime expiresAt,
            boolean siteAdmin) {
        jdbc.sql("""
                        INSERT INTO access_token (account_id, name, token_sha256, created_at, expires_at, site_admin)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(accountId, name, Sha256.hex(token), LocalDateTime.now(clock), expiresAt, siteAdmin)
                .update();
        long id = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        for (String study : studies) {
            jdbc.sql("INSERT INTO access_token_study (token_id, study_id) VALUES (?, ?)")
                    .params(id, study)
                    .update();
        }
        return id;
    }

    /** The account and scope of a token that exists, is not revoked or expired, and whose account is enabled. */
    Optional<Valid> check(String token) {
        return jdbc.sql("""
                        SELECT t.id, a.username, t.site_admin AND a.site_admin
                        FROM access_token t JOIN researcher_account a ON a.id = t.account_id
                        WHERE t.token_sha256 = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND a.enabled""")
                .params(Sha256.hex(token), LocalDateTime.now(clock))
                .query((row, n) -> new Object[] {row.getLong(1), row.getString(2), row.getBoolean(3)})
                .optional()
                .map(found -> new Valid(
                        (String) found[1], new LinkedHashSet<>(studies((Long) found[0])), (Boolean) found[2]));
    }

    List<Listed> listFor(String username) {
        return jdbc.sql("""
                        SELECT t.id, t.name, GROUP_CONCAT(s.study_id ORDER BY s.study_id SEPARATOR ' ') AS studies,
                               t.created_at, t.expires_at, t.revoked_at IS NOT NULL AS revoked, t.site_admin
                        FROM access_token t JOIN researcher_account a ON a.id = t.account_id
                        LEFT JOIN access_token_study s ON s.token_id = t.id
                        WHERE a.username = ?
                        GROUP BY t.id, t.name, t.created_at, t.expires_at, t.revoked_at, t.site_admin
                        ORDER BY t.id""")
                .param(username)
                .query((row, n) -> new Listed(
                        row.getLong("id"),
                        row.getString("name"),
                        row.getString("studies") == null
                                ? List.of()
                                : Arrays.asList(row.getString("studies").split(" ")),
                        row.getObject("created_at", LocalDateTime.class),
                        row.getObject("expires_at", LocalDateTime.class),
                        row.getBoolean("revoked"),
                        row.getBoolean("site_admin")))
                .list();
    }

    /** Revokes one of the account's own tokens; false if it has none with that id. */
    boolean revoke(String username, long tokenId) {
        return jdbc.sql("""
                        UPDATE access_token t JOIN researcher_account a ON a.id = t.account_id
                        SET t.revoked_at = ? WHERE t.id = ? AND a.username = ? AND t.revoked_at IS NULL""").params(LocalDateTime.now(clock), tokenId, username).update() == 1;
    }

    private List<String> studies(long tokenId) {
        return jdbc.sql("SELECT study_id FROM access_token_study WHERE token_id = ? ORDER BY study_id")
                .param(tokenId)
                .query(String.class)
                .list();
    }
}
