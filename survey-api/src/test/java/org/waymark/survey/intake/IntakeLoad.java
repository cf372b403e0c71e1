package org.waymark.survey.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP clients of {@link IntakeBenchmark}, in a process of their own so that the server's JVM
 * holds only the server: its heap, its garbage collection and its CPU time can be read apart from
 * the clients'. (They still share the machine's cores.) Started by the benchmark with the server's
 * port and a file of request bodies, one JSON object a line; then each line it reads, {@code
 * <clients> <requests>}, is one run, answered with one line: {@code RESULT <seconds> <p50 ms> <p99 ms>
 * <errors> <client CPU ms>}. Each request is a complete submission with a new Idempotency-Key.
 *
 * <p>For {@link ParticipantLoadBenchmark}, the file holds participants' journeys instead ({@link
 * DraftJourneys}), and each command {@code journeys <clients> <count> <max seconds> <leave every>} is
 * one step of rising load, answered with {@code RESULT} and a JSON object.
 */
final class IntakeLoad {

    private IntakeLoad() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/studies/cpa-recovery/responses");
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            String[] run = command.strip().split(" ");
            if (run[0].equals("journeys")) {
                System.out.println(DraftJourneys.run(
                        client,
                        port,
                        DraftJourneys.read(lines),
                        Integer.parseInt(run[1]),
                        Integer.parseInt(run[2]),
                        Double.parseDouble(run[3]),
                        Integer.parseInt(run[4])));
            } else {
                System.out.println(run(client, uri, lines, Integer.parseInt(run[0]), Integer.parseInt(run[1])));
            }
            System.out.flush();
        }
    }

    private static String run(HttpClient client, URI uri, List<String> bodies, int clients, int requests)
            throws Exception {
        long cpuBefore = cpuNanos();
        Measured measured = measure(clients, requests, () -> i -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())))
                    .build();
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 201;
            } catch (IOException e) {
                return false;
            }
        });
        return String.format(
                Locale.ROOT,
                "RESULT %.4f %.3f %.3f %d %.1f",
                measured.seconds(),
                measured.percentile(0.50),
                measured.percentile(0.99),
                measured.errors(),
                (cpuNanos() - cpuBefore) / 1e6);
    }

    /** One client's way of sending request number {@code i}; false, or an exception, counts as an error. */
    interface Client extends AutoCloseable {
        boolean send(int i) throws Exception;

        @Override
        default void close() {}
    }

    /** A run's duration, every request's latency in milliseconds, and how many failed. */
    record Measured(double seconds, double[] latencies, int errors) {
        double percentile(double p) {
            double[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return IntakeBenchmark.percentile(sorted, p);
        }
    }

    /**
     * Sends {@code requests} requests from {@code clients} threads at once, each thread with its own
     * client (a connection, say), each taking the next request as soon as its last one is answered.
     */
    static Measured measure(int clients, int requests, Callable<Client> newClient) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        double[] latencies = new double[requests];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    try (Client client = newClient.call()) {
                        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            long sent = System.nanoTime();
                            boolean sentWell;
                            try {
                                sentWell = client.send(i);
                            } catch (Exception e) {
                                sentWell = false;
                            }
                            if (!sentWell) {
                                errors.incrementAndGet();
                            }
                            latencies[i] = (System.nanoTime() - sent) / 1e6;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return new Measured((System.nanoTime() - start) / 1e9, latencies, errors.get());
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
