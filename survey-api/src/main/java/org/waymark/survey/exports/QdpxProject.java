package org.waymark.survey.exports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.waymark.survey.themes.CodedText;
import org.waymark.survey.themes.RefiQdaXml;

/**
 * A REFI-QDA project ({@code .qdpx}): a zip holding {@code project.qde}, the project as XML in the
 * QDA-XML project format, and {@code sources/}, one plain-text document per response. The codebook's
 * themes become codes (with the GUIDs the .qdc codebook export gives them, parents as nesting) and each
 * coding a selection of the document with that code. Every coding is attributed to one user, "Waymark",
 * rather than to researchers' account names. GUIDs are made from the study and the response's
 * pseudonymous id, so exporting twice gives the same project.
 */
final class QdpxProject {

    static final String NAMESPACE = "urn:QDA-XML:project:1.0";
    static final String USER = "Waymark";

    private QdpxProject() {}

    /** The project.qde document. */
    static String projectXml(
            String studyId, String title, List<CodedText.Theme> themes, List<FreeText.Document> documents) {
        try {
            Document xml = RefiQdaXml.secureFactory().newDocumentBuilder().newDocument();
            Element project = element(xml, xml, "Project");
            project.setAttribute("name", title);
            project.setAttribute("origin", "Waymark");
            String user = guid(studyId, "user");
            Element waymark = element(xml, element(xml, project, "Users"), "User");
            waymark.setAttribute("guid", user);
            waymark.setAttribute("name", USER);
            if (!themes.isEmpty()) {
                codes(xml, element(xml, element(xml, project, "CodeBook"), "Codes"), themes);
            }
            if (!documents.isEmpty()) {
                Map<String, String> codeGuids = new HashMap<>();
                themes.forEach(theme -> codeGuids.put(theme.code(), theme.guid()));
                Element sources = element(xml, project, "Sources");
                for (FreeText.Document document : documents) {
                    source(xml, sources, studyId, user, document, codeGuids);
                }
            }
            return RefiQdaXml.write(xml);
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("could not write a REFI-QDA project", e);
        }
    }

    /** The .qdpx zip: project.qde and each document under sources/. */
    static byte[] zip(String studyId, String projectXml, List<FreeText.Document> documents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("project.qde"));
            zip.write(projectXml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (FreeText.Document document : documents) {
                zip.putNextEntry(new ZipEntry("sources/" + sourceFile(studyId, document)));
                zip.write(document.text().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a zip in memory", e);
        }
        return bytes.toByteArray();
    }

    static String sourceFile(String studyId, FreeText.Document document) {
        return guid(studyId, "source:" + document.responseId()) + ".txt";
    }

    private static void codes(Document xml, Element codes, List<CodedText.Theme> themes) {
        Map<String, Element> elements = new HashMap<>();
        for (CodedText.Theme theme : themes) {
            Element code = xml.createElementNS(NAMESPACE, "Code");
            code.setAttribute("guid", theme.guid());
            code.setAttribute("name", theme.name());
            code.setAttribute("isCodable", "true");
            if (theme.description() != null && !theme.description().isBlank()) {
                element(xml, code, "Description").setTextContent(theme.description());
            }
            elements.put(theme.code(), code);
        }
        for (CodedText.Theme theme : themes) {
            Element parent = theme.parent() == null ? codes : elements.getOrDefault(theme.parent(), codes);
            parent.appendChild(elements.get(theme.code()));
        }
    }

    private static void source(
            Document xml,
            Element sources,
            String studyId,
            String user,
            FreeText.Document document,
            Map<String, String> codeGuids) {
        Element source = element(xml, sources, "TextSource");
        source.setAttribute("guid", guid(studyId, "source:" + document.responseId()));
        source.setAttribute("name", "Response " + document.responseId());
        source.setAttribute("plainTextPath", "internal://" + sourceFile(studyId, document));
        source.setAttribute("creatingUser", user);
        for (FreeText.Selection selection : document.selections()) {
            String codeGuid = codeGuids.get(selection.theme());
            if (codeGuid == null) {
                continue;
            }
            String key =
                    document.responseId() + ":" + selection.theme() + ":" + selection.start() + ":" + selection.end();
            Element placed = element(xml, source, "PlainTextSelection");
            placed.setAttribute("guid", guid(studyId, "selection:" + key));
            placed.setAttribute("name", selection.theme());
            placed.setAttribute("startPosition", Integer.toString(selection.start()));
            placed.setAttribute("endPosition", Integer.toString(selection.end()));
            placed.setAttribute("creatingUser", user);
            Element coding = element(xml, placed, "Coding");
            coding.setAttribute("guid", guid(studyId, "coding:" + key));
            coding.setAttribute("creatingUser", user);
            element(xml, coding, "CodeRef").setAttribute("targetGUID", codeGuid);
        }
    }

    private static Element element(Document xml, org.w3c.dom.Node parent, String name) {
        Element element = xml.createElementNS(NAMESPACE, name);
        parent.appendChild(element);
        return element;
    }

    static String guid(String studyId, String what) {
        return UUID.nameUUIDFromBytes(("waymark:" + studyId + ":" + what).getBytes(StandardCharsets.UTF_8))
                .toString()
                .toUpperCase(Locale.ROOT);
    }
}
