package org.waymark.survey.intake;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the server side did during one step of {@link ParticipantLoadBenchmark}, to say what limits
 * it: CPU time of Waymark's JVM and of MariaDB, how busy the whole machine was (Linux's {@code
 * /proc/stat}, so other work on the machine shows too), MariaDB's row-lock waits ({@code SHOW GLOBAL
 * STATUS}), and, sampled every 100 ms, MariaDB's running threads and the requests waiting for one of
 * the connection pool's connections. MariaDB is read over a connection of the probe's own, outside
 * the pool. Figures that Linux alone gives are 0 elsewhere.
 */
final class LoadProbe implements AutoCloseable {

    /** The step's figures: CPU in milliseconds, shares of the machine from 0 to 1, counts as counted. */
    record Step(
            double seconds,
            double waymarkCpuMs,
            double mariaDbCpuMs,
            double machineBusy,
            long rowLockWaits,
            long rowLockTimeMs,
            double threadsRunningMean,
            long threadsRunningMax,
            double poolWaitingMean,
            int poolWaitingMax,
            int poolSize) {}

    private final Path dataDir;
    private final Connection status;
    private final HikariPoolMXBean pool;
    private final int poolSize;

    LoadProbe(Path dataDir, String jdbcUrl, HikariDataSource dataSource) throws SQLException {
        this.dataDir = dataDir;
        this.status = DriverManager.getConnection(jdbcUrl, "root", "");
        this.pool = dataSource.getHikariPoolMXBean();
        this.poolSize = dataSource.getMaximumPoolSize();
    }

    /** Measures while {@code load} runs, and returns the load's result with the step's figures. */
    <T> Measured<T> during(Callable<T> load) throws Exception {
        long start = System.nanoTime();
        long jvm = IntakeLoad.cpuNanos();
        long mariaDb = mariaDbCpuNanos(dataDir);
        long[] machine = machineTicks();
        Map<String, Long> before = globalStatus();
        AtomicBoolean running = new AtomicBoolean(true);
        long[] threads = new long[3];
        long[] waiting = new long[3];
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            try (Statement statement = status.createStatement()) {
                while (running.get()) {
                    long running1 = threadsRunning(statement);
                    int waiting1 = pool.getThreadsAwaitingConnection();
                    synchronized (threads) {
                        threads[0] += running1;
                        threads[1] = Math.max(threads[1], running1);
                        threads[2]++;
                        waiting[0] += waiting1;
                        waiting[1] = Math.max(waiting[1], waiting1);
                    }
                    Thread.sleep(100); // the sampling interval, not a wait for something to happen
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read MariaDB's status", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        T result;
        try {
            result = load.call();
        } finally {
            running.set(false);
            sampler.join();
        }
        Map<String, Long> after = globalStatus();
        long[] machineAfter = machineTicks();
        long samples = Math.max(1, threads[2]);
        long totalTicks = machineAfter[1] - machine[1];
        Step step = new Step(
                (System.nanoTime() - start) / 1e9,
                (IntakeLoad.cpuNanos() - jvm) / 1e6,
                (mariaDbCpuNanos(dataDir) - mariaDb) / 1e6,
                totalTicks == 0 ? 0 : (double) (machineAfter[0] - machine[0]) / totalTicks,
                after.get("Innodb_row_lock_waits") - before.get("Innodb_row_lock_waits"),
                after.get("Innodb_row_lock_time") - before.get("Innodb_row_lock_time"),
                (double) threads[0] / samples,
                threads[1],
                (double) waiting[0] / samples,
                (int) waiting[1],
                poolSize);
        return new Measured<>(result, step);
    }

    record Measured<T>(T result, Step step) {}

    private Map<String, Long> globalStatus() throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Statement statement = status.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits', 'Innodb_row_lock_time')")) {
            while (rows.next()) {
                values.put(rows.getString(1), Long.parseLong(rows.getString(2)));
            }
        }
        return values;
    }

    private static long threadsRunning(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Threads_running'")) {
            return rows.next() ? Long.parseLong(rows.getString(2)) : 0;
        }
    }

    /** Busy and total clock ticks of every core since boot, from the first line of {@code /proc/stat}. */
    private static long[] machineTicks() throws IOException {
        Path stat = Path.of("/proc/stat");
        if (!Files.isReadable(stat)) {
            return new long[2];
        }
        List<String> fields = List.of(Files.readAllLines(stat).getFirst().trim().split("\\s+"));
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest time is already counted in user.
        for (String field : fields.subList(1, Math.min(9, fields.size()))) {
            total += Long.parseLong(field);
        }
        // Idle and iowait are the cores doing nothing.
        long idle = Long.parseLong(fields.get(4)) + Long.parseLong(fields.get(5));
        return new long[] {total - idle, total};
    }

    /**
     * The embedded MariaDB's CPU time from Linux's {@code /proc/<pid>/stat}, found by its data directory
     * on its command line; 0 where there is no {@code /proc}, and the figures then say n/a.
     */
    static long mariaDbCpuNanos(Path dataDir) throws IOException {
        String datadir = "--datadir=" + dataDir.toAbsolutePath().normalize().resolve("mariadb");
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        try (var processes = Files.list(proc)) {
            for (Path process : processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    String command =
                            Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    if (command.contains(datadir + " ") || command.endsWith(datadir)) {
                        // Fields 14 and 15, user and system time, in clock ticks of 1/100 s on Linux.
                        String stat = Files.readString(process.resolve("stat"));
                        String[] fields =
                                stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
                    }
                } catch (IOException e) {
                    // The process ended while we looked; it was not the server.
                }
            }
        }
        return 0;
    }

    @Override
    public void close() throws SQLException {
        status.close();
    }
}
