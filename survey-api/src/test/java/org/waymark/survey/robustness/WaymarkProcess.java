package org.waymark.survey.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.waymark.survey.WaymarkApplication;

/**
 * Waymark run as a user runs it: a JVM of its own on the built classpath, with its embedded MariaDB as
 * a child process, on a data directory that outlives it. The output goes to a log file in the data
 * directory. A test can kill it with SIGKILL, or kill only its MariaDB, and start it again.
 */
final class WaymarkProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private WaymarkProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Waymark on {@code dataDir} and waits until it answers. A connection is given up after 2
     * seconds rather than Hikari's 30, so that requests made while MariaDB is down are answered soon.
     */
    static WaymarkProcess start(Path dataDir, int start) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        int port = freePort();
        Path log = dataDir.resolve("waymark-start-" + start + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                WaymarkApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--waymark.data-dir=" + dataDir.toAbsolutePath(),
                "--waymark.demo.enabled=false",
                "--spring.datasource.hikari.connection-timeout=2000",
                "--logging.level.root=warn"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        WaymarkProcess waymark = new WaymarkProcess(process, port, log);
        waymark.awaitReady(Duration.ofMinutes(3));
        return waymark;
    }

    int port() {
        return port;
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Waymark stopped while starting; its log:\n" + logTail());
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        killEverything();
        throw new IllegalStateException("Waymark did not start within " + limit + "; its log:\n" + logTail());
    }

    /** The embedded MariaDB server: the child process whose command line is mariadbd's (or mysqld's). */
    ProcessHandle database() {
        return process.descendants()
                .filter(child -> {
                    String executable = commandLine(child).split("\0")[0];
                    return executable.endsWith("/mariadbd") || executable.endsWith("/mysqld");
                })
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Waymark's embedded MariaDB is not running"));
    }

    /** A JDBC address of the embedded MariaDB, read from its command line, for the test's own checks. */
    String databaseUrl() {
        String command = commandLine(database());
        for (String argument : command.split("\0")) {
            if (argument.startsWith("--port=")) {
                return "jdbc:mariadb://127.0.0.1:" + argument.substring("--port=".length()) + "/waymark";
            }
        }
        throw new IllegalStateException("the embedded MariaDB's command line names no port");
    }

    /**
     * SIGKILL to Waymark's JVM and then at once to its MariaDB, as when the machine or container they
     * share is killed: neither can finish anything. (Killing the JVM alone leaves its MariaDB running
     * and holding the data directory; see docs/robustness.md.)
     */
    void killEverything() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.toHandle().destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /** SIGKILL to the embedded MariaDB alone; returns once it is gone. */
    void killDatabase() {
        ProcessHandle database = database();
        database.destroyForcibly();
        database.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Asks Waymark to stop (SIGTERM), as a service manager does; kills it if it has not stopped in a minute. */
    void stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            killEverything();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            }
        }
    }

    /** The log so far, for a failure's message. Synthetic data only: no participant's answer is real. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    private static String commandLine(ProcessHandle handle) {
        Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        try {
            return Files.readString(cmdline);
        } catch (IOException e) {
            Optional<String> command = handle.info().commandLine();
            return command.orElse("");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
