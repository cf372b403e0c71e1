package org.waymark.survey.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.waymark.survey.reports.ReportModel.Cell;
import org.waymark.survey.reports.ReportModel.Row;
import org.waymark.survey.reports.ReportModel.TablePart;

/** The template and the PDF layout on a report model written by hand, without the application. */
class ReportRendererTests {

    static final String QUOTE = "They <b>listened</b> & \"cared\"";

    private final ReportRenderer renderer = new ReportRenderer(engine());

    static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    static ReportModel model() {
        List<Row> rows = List.of(
                new Row("A lot <i>really</i>", List.of(Figures.share(25L, 40L, 62.5), Cell.withheld())),
                new Row("Never", List.of(Figures.share(15L, 40L, 37.5), Figures.share(10L, 20L, 50.0))));
        List<String> columns = List.of(Tables.ALL, "Woman");
        TablePart table = new TablePart(
                "t-helped-gender",
                "Helped <u>a lot</u>, by Gender",
                "Answer",
                columns,
                rows,
                SvgBarChart.of("t-helped-gender-chart", "Helped <u>a lot</u>", columns, rows),
                List.of("* Hidden."));
        return new ReportModel(
                "made-up",
                "A made-up <script>study</script>",
                true,
                "About <em>it</em>",
                new ReportModel.Provenance(
                        "40", "2026-01-01 10:00:00 UTC", "ab".repeat(32), 1, "cd".repeat(32), "2", "nhs-standard", "x"),
                new ReportModel.Participation("Responses included: 40.", List.of()),
                null,
                List.of(new ReportModel.Finding("finding:helped:gender", "Women <said> so.", false)),
                List.of(new ReportModel.SectionPart(
                        "support",
                        "Support",
                        List.of(new ReportModel.QuestionPart("helped", "Helped <u>a lot</u>", List.of(table))))),
                new ReportModel.ThemesPart(
                        "Themes.",
                        List.of(),
                        List.of(new ReportModel.ThemeQuotes(
                                "quotes-warmth",
                                "Warmth",
                                List.of(new ReportModel.Quote(QUOTE, "A participant (Woman)"))))),
                MethodsText.of(org.waymark.analysis.disclosure.DisclosureProfile.NHS_STANDARD, "40", 3, 0, null));
    }

    @Test
    void escapesEverythingAStudyOrAResearcherWrote() {
        String html = renderer.html(model());
        ReportDocument report = new ReportDocument(html);
        assertThat(report.all("script")).isEmpty();
        assertThat(report.all("b")).isEmpty();
        assertThat(report.all("u")).isEmpty();
        assertThat(report.all("blockquote").getFirst().getTextContent()).contains(QUOTE);
        assertThat(html).contains("They &lt;b&gt;listened&lt;/b&gt; &amp; &quot;cared&quot;");
        assertThat(report.all("title").stream().map(title -> title.getTextContent()))
                .contains("Chart: Helped <u>a lot</u>");
        assertThat(report.cells("t-helped-gender"))
                .containsExactly(List.of("25 of 40 (62.5%)", "*"), List.of("15 of 40 (37.5%)", "10 of 20 (50%)"));
    }

    @Test
    void laysOutATaggedPdfWhosePagesAreNotBlank() throws Exception {
        byte[] pdf = renderer.pdf(model());
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isBetween(2, 6);
            assertThat(document.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(1, 50);
            assertThat(nonWhite(page)).isGreaterThan(0.005);
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("25of40(62.5%)", "10of20(50%)", "Amade-up<script>study</script>");
        }
    }

    private static double nonWhite(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 600) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }
}
