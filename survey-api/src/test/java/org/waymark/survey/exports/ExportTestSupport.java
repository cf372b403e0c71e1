package org.waymark.survey.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import tools.jackson.databind.JsonNode;

/** Reading exported CSV files and submitting test responses, for the export tests. */
final class ExportTestSupport {

    private ExportTestSupport() {}

    /** A CSV file as its header and rows, each row by column name in file order. */
    record Table(List<String> header, List<Map<String, String>> rows) {

        List<String> column(String name) {
            return rows.stream().map(row -> row.get(name)).toList();
        }

        /** The rows without one column, to compare two exports whose response ids differ. */
        List<Map<String, String>> without(String column) {
            return rows.stream()
                    .map(row -> {
                        Map<String, String> copy = new LinkedHashMap<>(row);
                        copy.remove(column);
                        return copy;
                    })
                    .toList();
        }
    }

    /** Parses an exported CSV, checking that it starts with the UTF-8 byte-order mark. */
    static Table parse(String body) {
        assertThat(body).as("UTF-8 with a byte-order mark, for Excel").startsWith("\uFEFF");
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(body.substring(1)), format)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                assertThat(record.isConsistent()).isTrue();
                rows.add(new LinkedHashMap<>(record.toMap()));
            }
            List<String> header = parser.getHeaderNames();
            rows.replaceAll(row -> {
                Map<String, String> ordered = new LinkedHashMap<>();
                header.forEach(name -> ordered.put(name, row.get(name)));
                return ordered;
            });
            return new Table(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Submits (or saves as a draft) one response; returns the reply, with its responseId and codes. */
    static JsonNode submit(TestApi api, String study, String answers, boolean submit) {
        var reply = api.postWithKey(
                "/api/studies/" + study + "/responses", UUID.randomUUID().toString(), """
                {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]}, "answers": {%s}, "submit": %s}""".formatted(answers, submit));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    /** The account the export tests download with: a researcher in the study, as exports require. */
    static final String RESEARCHER = "exports-researcher";

    /** A client signed in as a researcher of the study, the role made and given first if need be. */
    static TestApi researcher(int port, String studyId) {
        TestApi client = TestAccounts.signedIn(port, RESEARCHER);
        TestAccounts.grant(port, studyId, RESEARCHER, "researcher");
        return client;
    }

    /** Downloads a file of a study ({@code /api/studies/{id}/...}) as a researcher of that study, as bytes with all headers. */
    static HttpResponse<byte[]> download(int port, String path) {
        researcher(port, path.split("/")[3]);
        String token = Base64.getEncoder()
                .encodeToString((RESEARCHER + ":" + TestAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("Authorization", "Basic " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
