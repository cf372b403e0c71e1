package org.waymark.survey.contacts;

import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses to start when a study that is not closed offers follow-up but no contact key is configured
 * (only possible under the {@code production} profile): participants would be offered a form whose
 * answers could not be kept safely.
 */
@Component
class FollowUpKeyCheck implements InitializingBean {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ContactKeys keys;
    private final JdbcClient jdbc;

    FollowUpKeyCheck(ContactKeys keys, JdbcClient jdbc) {
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        if (keys.available()) {
            return;
        }
        List<String> offering = studiesOfferingFollowUp(jdbc);
        if (!offering.isEmpty()) {
            throw new ContactKeyException("Study " + String.join(", ", offering) + " offers follow-up, but no contact"
                    + " key is configured, so contact details could not be encrypted. Set WAYMARK_CONTACT_KEY (32"
                    + " random bytes in Base64, from 'openssl rand -base64 32') or waymark.contact.key-file.");
        }
    }

    /**
     * Studies not closed with a version (published or draft) that offers follow-up. Read with the strict
     * reader's JSON parser rather than the database's JSON functions, so "enabled" means what it means
     * to the definition reader.
     */
    static List<String> studiesOfferingFollowUp(JdbcClient jdbc) {
        record Version(String studyId, String json) {}
        return jdbc.sql("""
                        SELECT v.study_id, v.definition_json FROM study_version v JOIN study s ON s.id = v.study_id
                        WHERE s.status <> 'closed' AND v.definition_json LIKE '%followUp%'""").query((rs, row) -> new Version(rs.getString(1), rs.getString(2))).list().stream()
                .filter(version -> JSON.readTree(version.json())
                        .path("followUp")
                        .path("enabled")
                        .asBoolean(false))
                .map(Version::studyId)
                .distinct()
                .sorted()
                .toList();
    }
}
