package org.waymark.survey.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkApplication;

/**
 * With {@code spring.datasource.url} set, Waymark uses that MariaDB and starts none of its own. The
 * "external" server here is a MariaDB started separately, as a DBA's would be.
 */
class ExternalDatabaseTests {

    @Test
    void usesTheConfiguredDatabaseInsteadOfAnEmbeddedOne() {
        Path serverDir = Path.of("target", "external-test", UUID.randomUUID().toString());
        try (EmbeddedMariaDb external = EmbeddedMariaDb.start(serverDir);
                var context = new SpringApplicationBuilder(WaymarkApplication.class)
                        .profiles("test", "production")
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + external.jdbcUrl(),
                                "--spring.datasource.username=" + EmbeddedMariaDb.USER,
                                "--spring.datasource.password=")) {
            assertThat(context.getBeansOfType(EmbeddedMariaDb.class)).isEmpty();
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(TestApi.on(port)
                            .get("/api/studies")
                            .json()
                            .valueStream()
                            .map(study -> study.get("id").asString()))
                    .as("the production profile leaves the synthetic demo out")
                    .containsExactly("cpa-recovery");
        }
    }
}
