package org.waymark.survey.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkApplication;
import org.waymark.survey.database.EmbeddedMariaDb;
import org.waymark.survey.studies.TestDefinitions;

/**
 * Start-up under the {@code production} profile, on a MariaDB of its own: a study offering follow-up
 * with no contact key configured stops Waymark, with a message saying what to set; so does a key that
 * is not 32 bytes of Base64.
 */
class ContactKeyStartupTests {

    private static ConfigurableApplicationContext start(EmbeddedMariaDb database, String... more) {
        String[] arguments = new String[4 + more.length];
        arguments[0] = "--server.port=0";
        arguments[1] = "--spring.datasource.url=" + database.jdbcUrl();
        arguments[2] = "--spring.datasource.username=root";
        arguments[3] = "--spring.datasource.password=";
        System.arraycopy(more, 0, arguments, 4, more.length);
        return new SpringApplicationBuilder(WaymarkApplication.class)
                .profiles("test", "production")
                .run(arguments);
    }

    @Test
    void refusesToStartWhileAStudyOffersFollowUpWithoutAKey() {
        byte[] key = new byte[ContactKeys.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path serverDir = Path.of("target", "external-test", UUID.randomUUID().toString());
        try (EmbeddedMariaDb database = EmbeddedMariaDb.start(serverDir)) {
            try (var withKey = start(
                    database, "--waymark.contact.key=" + Base64.getEncoder().encodeToString(key))) {
                TestApi admin = TestApi.on(((WebServerApplicationContext) withKey)
                                .getWebServer()
                                .getPort())
                        .asAdmin();
                var created = admin.post(
                        "/api/studies",
                        TestDefinitions.minimal()
                                .with(root -> root.put("id", "startup-follow-up"))
                                .with(TestDefinitions.FOLLOW_UP)
                                .json());
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                assertThat(admin.post("/api/studies/startup-follow-up/publish", "")
                                .status())
                        .isEqualTo(200);
            }
            assertThatThrownBy(() -> start(database).close())
                    .hasRootCauseInstanceOf(ContactKeyException.class)
                    .rootCause()
                    .hasMessageContaining("startup-follow-up offers follow-up, but no contact key is configured")
                    .hasMessageContaining("Set WAYMARK_CONTACT_KEY");
        }
    }

    @Test
    void refusesToStartWithAKeyThatIsNotThirtyTwoBytesOfBase64() {
        Path serverDir = Path.of("target", "external-test", UUID.randomUUID().toString());
        try (EmbeddedMariaDb database = EmbeddedMariaDb.start(serverDir)) {
            assertThatThrownBy(() ->
                            start(database, "--waymark.contact.key=not base64!").close())
                    .rootCause()
                    .isInstanceOf(ContactKeyException.class)
                    .hasMessageContaining("is not Base64");
            String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
            assertThatThrownBy(() ->
                            start(database, "--waymark.contact.key=" + shortKey).close())
                    .rootCause()
                    .isInstanceOf(ContactKeyException.class)
                    .hasMessageContaining("is 16 bytes; it must be 32")
                    .hasMessageNotContaining(shortKey);
        }
    }
}
