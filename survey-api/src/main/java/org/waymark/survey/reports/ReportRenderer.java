package org.waymark.survey.reports;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgExternalResourceMode;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgScriptMode;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Lays a report out as self-contained XHTML (inline CSS, inline SVG, no scripts, nothing fetched)
 * and, from the same document, as a tagged PDF (PDF/UA) with openhtmltopdf on Apache PDFBox, its
 * SVG charts drawn by Apache Batik (scripts off, nothing fetched), each a figure with alternate text.
 */
@Component
class ReportRenderer {

    /** Bundled with PDFBox (SIL Open Font Licence): a PDF/UA document must embed its fonts. */
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    static {
        // openhtmltopdf logs through java.util.logging by default; nothing of a report belongs in a log.
        XRLog.setLoggingEnabled(false);
    }

    private final ITemplateEngine templates;

    ReportRenderer(ITemplateEngine templates) {
        this.templates = templates;
    }

    String html(ReportModel report) {
        return render(report, false);
    }

    byte[] pdf(ReportModel report) {
        Document document = parse(render(report, true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .useFastMode()
                    .usePdfUaAccessibility(true)
                    .withProducer("Waymark")
                    .useFont(() -> PDDocument.class.getResourceAsStream(FONT), "Liberation Sans")
                    // Batik draws the charts with the same font as the text around them, whatever
                    // fonts the server has; it reads fonts from files only.
                    .useFont(
                            SvgFont.FILE, "Liberation Sans", 400, FontStyle.NORMAL, true, EnumSet.of(FSFontUseCase.SVG))
                    .useSVGDrawer(new BatikSVGDrawer(SvgScriptMode.SECURE, SvgExternalResourceMode.SECURE))
                    // A report names no outside resource; this makes sure none is ever fetched.
                    .useExternalResourceAccessControl(
                            (uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .withW3cDocument(document, null)
                    .toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be laid out as a PDF", e);
        }
        return out.toByteArray();
    }

    /** Batik reads fonts from files only: the bundled font, copied once to a file of this process. */
    private static final class SvgFont {

        static final File FILE = copy();

        private static File copy() {
            try (InputStream font = PDDocument.class.getResourceAsStream(FONT)) {
                if (font == null) {
                    throw new IllegalStateException("PDFBox no longer bundles " + FONT);
                }
                Path file = Files.createTempFile("waymark-report-font", ".ttf");
                file.toFile().deleteOnExit();
                Files.copy(font, file, StandardCopyOption.REPLACE_EXISTING);
                return file.toFile();
            } catch (IOException e) {
                throw new UncheckedIOException("the report font could not be prepared for the charts", e);
            }
        }
    }

    private String render(ReportModel report, boolean pdf) {
        Context context = new Context(Locale.UK);
        context.setVariable("report", report);
        context.setVariable("pdf", pdf);
        return templates.process("reports/report", context);
    }

    /** Parses the report as XML: openhtmltopdf needs well-formed XHTML, and this proves it is. */
    static Document parse(String xhtml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xhtml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the report template did not give well-formed XHTML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
