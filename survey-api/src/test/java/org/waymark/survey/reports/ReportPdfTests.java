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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Element;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.demo.DemoStudy;
import tools.jackson.databind.JsonNode;

/**
 * The PDF of the demo study's report, rendered page by page with PDFBox's own renderer. The first
 * pages are saved under target/report-pages/ as PNG: docs/images/reports/ holds copies. Its charts
 * are the HTML report's SVG, drawn by Batik: each is a tagged figure with the chart's title and
 * description as alternate text, and its bars are on the page where the figure is.
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

    @Test
    void drawsEveryChartAsAFigureWithItsTextAlternativeAndNoHiddenValue() throws Exception {
        String api = "/api/studies/" + DemoStudy.ID;
        byte[] pdf = get(api + "/report.pdf" + OPTIONS);
        ReportDocument html =
                new ReportDocument(new String(get(api + "/report.html" + OPTIONS), StandardCharsets.UTF_8));
        List<Element> charts = html.all("svg");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDStructureElement> figures = new ArrayList<>();
            collectFigures(document.getDocumentCatalog().getStructureTreeRoot(), figures);
            assertThat(figures)
                    .as("one tagged figure per chart of the HTML report")
                    .hasSameSizeAs(charts);
            PDFRenderer renderer = new PDFRenderer(document);
            int withBars = 0;
            StringBuilder alternates = new StringBuilder();
            for (int i = 0; i < charts.size(); i++) {
                Element chart = charts.get(i);
                PDStructureElement figure = figures.get(i);
                String title =
                        ReportDocument.children(chart, "title").getFirst().getTextContent();
                String description =
                        ReportDocument.children(chart, "desc").getFirst().getTextContent();
                assertThat(figure.getAlternateDescription())
                        .as("figure " + (i + 1) + " says what the HTML chart's title and description say")
                        .isEqualTo(title + ". " + description);
                alternates.append(figure.getAlternateDescription()).append('\n');
                int page = document.getPages().indexOf(figure.getPage());
                assertThat(page).as(title + " is on a page").isNotNegative();
                BufferedImage image = renderer.renderImageWithDPI(page, DPI, ImageType.RGB);
                long barPixels = chartColouredPixels(
                        image,
                        boundingBox(figure),
                        document.getPage(page).getMediaBox().getHeight());
                boolean hasBars = !ReportDocument.children(chart, "rect").isEmpty();
                assertThat(barPixels > 0)
                        .as(title + ": bar pixels where the figure is, exactly when the SVG has bars (" + barPixels
                                + ")")
                        .isEqualTo(hasBars);
                withBars += hasBars ? 1 : 0;
            }
            assertThat(withBars).as("charts with bars drawn").isGreaterThan(10);

            // Under nhs-standard every count from 1 to 7 is hidden: none may be read from the PDF's text,
            // nor from the figures' alternate text (the check ReportApiTests makes on the HTML).
            // The page footers ("Page 3 of 20") are the only "n of N" that is not a figure.
            String text = (new PDFTextStripper().getText(document) + "\n" + alternates)
                    .replaceAll("\\s+", " ")
                    .replaceAll("Page \\d+ of \\d+", "");
            assertThat(text).contains("*");
            List<String> small = new ArrayList<>();
            Matcher of = ReportDocument.OF.matcher(text);
            while (of.find()) {
                long n = of.group(1) == null ? 0 : Long.parseLong(of.group(1));
                long base = Long.parseLong(of.group(2));
                if ((n >= 1 && n <= 7) || (base >= 1 && base <= 7)) {
                    small.add(of.group());
                }
            }
            assertThat(small).as("hidden figures in the PDF's text").isEmpty();
            assertThat(html.smallCounts(7))
                    .as("and in the HTML it was laid out from")
                    .isEmpty();
        }
    }

    private static final int DPI = 50;

    /** The colours of the chart's bars, as SvgBarChart gives them (RGB). */
    private static final int[] BAR_COLOURS = {0x1f4e79, 0x8a4f00, 0x1e6b52, 0x5b2c83, 0x8b1e2d, 0x4a5561};

    private static void collectFigures(PDStructureNode node, List<PDStructureElement> figures) {
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement element) {
                if ("Figure".equals(element.getStructureType())) {
                    figures.add(element);
                }
                collectFigures(element, figures);
            }
        }
    }

    /** The figure's layout box in PDF units (x1, y1, x2, y2 from the bottom left), as openhtmltopdf tags it. */
    private static float[] boundingBox(PDStructureElement figure) {
        COSDictionary attributes = figure.getCOSObject().getCOSDictionary(COSName.A);
        assertThat(attributes).as("the figure has layout attributes").isNotNull();
        COSArray box = attributes.getCOSArray(COSName.BBOX);
        assertThat(box).as("the figure has a bounding box").isNotNull();
        float[] numbers = new float[4];
        for (int i = 0; i < 4; i++) {
            numbers[i] = ((COSNumber) box.getObject(i)).floatValue();
        }
        return numbers;
    }

    /** How many pixels inside the box have one of the bars' colours. */
    private static long chartColouredPixels(BufferedImage image, float[] box, float pageHeight) {
        double scale = DPI / 72.0;
        int left = (int) Math.floor(Math.min(box[0], box[2]) * scale);
        int right = (int) Math.ceil(Math.max(box[0], box[2]) * scale);
        int top = (int) Math.floor((pageHeight - Math.max(box[1], box[3])) * scale);
        int bottom = (int) Math.ceil((pageHeight - Math.min(box[1], box[3])) * scale);
        long found = 0;
        for (int y = Math.max(0, top); y < Math.min(image.getHeight(), bottom); y++) {
            for (int x = Math.max(0, left); x < Math.min(image.getWidth(), right); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                for (int colour : BAR_COLOURS) {
                    if (near(rgb, colour)) {
                        found++;
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static boolean near(int rgb, int colour) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((colour >> shift) & 0xff)) > 10) {
                return false;
            }
        }
        return true;
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
        if (path.contains(".pdf")) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        }
        return response.body();
    }
}
