package org.waymark.survey.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import tools.jackson.databind.JsonNode;

/**
 * The PDF of the demo study's report, rendered page by page with PDFBox's own renderer. The first
 * pages are saved under target/report-pages/ as PNG: docs/images/reports/ holds copies.
 */
@WaymarkIntegrationTest
class ReportPdfTests {

    static final String OPTIONS = "?sections=support_and_recovery&by=gender,compulsory";

    @LocalServerPort
    int port;

    @Test
    void rendersPagesThatAreNotBlankAndHoldTheAnalysisFigures() throws Exception {
        byte[] pdf = get("/api/studies/" + DemoStudy.ID + "/report.pdf" + OPTIONS);
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        JsonNode analysis = researcher()
                .get("/api/studies/" + DemoStudy.ID + "/analysis?by=gender,compulsory")
                .json();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // A title page, then 12 questions with two tables and charts each: a handful of pages, not hundreds.
            assertThat(document.getNumberOfPages()).isBetween(4, 60);
            assertThat(document.getDocumentCatalog().getStructureTreeRoot())
                    .as("a tagged PDF")
                    .isNotNull();
            PDFRenderer renderer = new PDFRenderer(document);
            Path pages = Path.of("target", "report-pages");
            Files.createDirectories(pages);
            for (int page = 0; page < Math.min(4, document.getNumberOfPages()); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 60, ImageType.RGB);
                assertThat(inkedShare(image))
                        .as("page " + (page + 1) + " has text and lines")
                        .isGreaterThan(0.01);
                ImageIO.write(
                        renderer.renderImageWithDPI(page, 100, ImageType.RGB),
                        "png",
                        pages.resolve("page-" + (page + 1) + ".png").toFile());
            }
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("SYNTHETICDEMO");
            assertThat(text).contains("Whatthisreportwasbuiltfrom");
            int found = 0;
            for (JsonNode question : analysis.get("questions")) {
                if (!question.get("question").asString().startsWith("support_")) {
                    continue;
                }
                JsonNode overall = question.get("overall");
                for (JsonNode category : overall.get("categories")) {
                    if (!category.get("count").isNull()
                            && !category.get("percent").isNull()) {
                        assertThat(text)
                                .contains(category.get("count").asLong() + "of"
                                        + overall.get("base").asLong() + "("
                                        + Figures.percent(
                                                category.get("percent").asDouble()) + ")");
                        found++;
                    }
                }
            }
            assertThat(found).as("figures of the support questions checked").isGreaterThan(20);
        }
    }

    /** The share of pixels that are not near-white. */
    private static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 600) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    /** A researcher of the demo study, which has no owner until the admin gives someone a role. */
    private TestApi researcher() {
        TestApi client = TestAccounts.signedIn(port, "report-researcher");
        TestAccounts.grant(port, DemoStudy.ID, "report-researcher", "researcher");
        return client;
    }

    private byte[] get(String path) throws IOException, InterruptedException {
        researcher();
        String token = Base64.getEncoder()
                .encodeToString(("report-researcher:" + TestAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Basic " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return response.body();
    }
}
