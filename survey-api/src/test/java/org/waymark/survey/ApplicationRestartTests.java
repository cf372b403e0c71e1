package org.waymark.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two starts of the whole application on one data directory: the second finds everything the first left. */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationRestartTests {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(WaymarkApplication.class)
                .profiles("test")
                .run("--server.port=0", "--waymark.data-dir=" + dataDir, "--waymark.demo.participants=15");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void keepsStudiesResponsesAndAccountsAcrossARestart(CapturedOutput output) {
        Path dataDir = Path.of("target", "restart-test", UUID.randomUUID().toString());
        String definition = org.waymark.survey.studies.TestDefinitions.minimal()
                .with(root -> root.put("id", "restart-study"))
                .json();
        try (var first = start(dataDir)) {
            TestApi admin = TestApi.on(port(first)).asAdmin();
            assertThat(admin.post("/api/studies", definition).status()).isEqualTo(201);
        }
        try (var second = start(dataDir)) {
            TestApi api = TestApi.on(port(second));
            assertThat(api.get("/api/studies")
                            .json()
                            .valueStream()
                            .map(study -> study.get("id").asString()))
                    .contains("cpa-recovery", "cpa-recovery-demo");
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM response WHERE study_id = 'cpa-recovery-demo'")
                            .query(Integer.class)
                            .single())
                    .as("the demo is loaded once")
                    .isEqualTo(15);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM study WHERE id = 'cpa-recovery'")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            var draft = api.asAdmin().get("/api/studies/restart-study/versions/1");
            assertThat(draft.status()).as("the account and the draft survived").isEqualTo(200);

            var answers = jdbc.sql("SELECT value FROM answer WHERE kind = 'text'")
                    .query(String.class)
                    .list();
            assertThat(answers).isNotEmpty();
            assertThat(answers).allSatisfy(text -> assertThat(output.getAll()).doesNotContain(text));
        }
    }
}
