package org.waymark.survey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.waymark.survey.demo.DemoStudy;

/**
 * Waymark started for a benchmark, as a user starts it: a fresh embedded MariaDB under {@code
 * target/benchmark-data}, a free port, the demo with its 300 synthetic participants, warnings only in
 * the log, rate limits high enough for a load from one address, and the admin allowed HTTP Basic.
 */
public record BenchmarkApp(ConfigurableApplicationContext context, Path dataDir, int port, String adminPassword)
        implements AutoCloseable {

    /** Starts Waymark; {@code settings} are further arguments, such as {@code --name=value}. */
    public static BenchmarkApp start(List<String> settings) {
        Path dataDir = Path.of("target", "benchmark-data", UUID.randomUUID().toString());
        String password = "benchmark-admin-" + UUID.randomUUID();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--waymark.data-dir=" + dataDir,
                "--waymark.demo.participants=300",
                // Set, so that the first start does not print a generated one.
                "--WAYMARK_ADMIN_PASSWORD=" + password,
                "--logging.level.root=warn",
                // Benchmarks call the API as the admin with HTTP Basic, which the default rule (site admins
                // need a second factor, so must use the pages or a token) refuses. Switching the rule off
                // changes nothing measured: the password is checked the same way.
                "--waymark.security.totp.required-for-admins=false",
                // Every simulated client comes from 127.0.0.1, and the limits are per address: left at
                // their defaults (30 submissions a minute) they would refuse the load being measured.
                // The filter still runs, so its cost stays in the figures.
                "--waymark.rate-limits.submissions-per-minute=100000000",
                "--waymark.rate-limits.draft-access-per-minute=100000000",
                "--waymark.rate-limits.searches-per-minute=100000000"));
        arguments.addAll(settings);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(WaymarkApplication.class).run(arguments.toArray(String[]::new));
        return new BenchmarkApp(
                context,
                dataDir,
                ((WebServerApplicationContext) context).getWebServer().getPort(),
                password);
    }

    /** The value of an {@code Authorization} header that signs in as the admin. */
    public String adminAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    /** Gives the admin a role in a study: the bundled studies have no owner, and the admin no study data. */
    public void giveAdminRole(String studyId, String role) {
        var granted = TestApi.on(port)
                .as("admin", adminPassword)
                .put("/api/studies/" + studyId + "/roles/admin", "{\"role\": \"" + role + "\"}");
        if (granted.status() != 200) {
            throw new IllegalStateException("could not give the admin a role: " + granted.body());
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The database ids of the demo's synthetic responses, whose answers benchmarks send again. */
    public List<Long> demoResponseIds() {
        return bean(JdbcClient.class)
                .sql("SELECT id FROM response WHERE study_id = ? ORDER BY id")
                .param(DemoStudy.ID)
                .query(Long.class)
                .list();
    }

    /** The machine, for a report: cores, Java and operating system. */
    public static String machine() {
        return String.format(
                Locale.ROOT,
                "%d cores, Java %s, %s %s",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }

    @Override
    public void close() {
        context.close();
    }
}
