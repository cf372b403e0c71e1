package org.waymark.survey.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.studies.TestDefinitions;
import org.waymark.survey.themes.RefiQdaXml;
import org.xml.sax.SAXException;
import tools.jackson.databind.JsonNode;

/**
 * Free text with its themes: the REFI-QDA project (.qdpx) checked against Waymark's schema for the part
 * of the format it writes (src/test/resources/exports/refi-qda-project.xsd), opened as a zip, with every
 * source and code present and every coding on the right characters; and the same as CSV.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QdpxExportTests {

    static final String STUDY = "qdpx-study";
    static final String API = "/api/studies/" + STUDY;
    static final String KIND = "The staff were kind and listened to me.";
    static final String HOPE = "\uD83D\uDE42 Café first; hope after.";
    static final String FORMULA = "=1+2 is how I felt";

    @LocalServerPort
    int port;

    private final List<String> ids = new ArrayList<>();
    private TestApi admin;

    @BeforeAll
    void publishAnswerAndCode() {
        admin = TestApi.on(port).asAdmin();
        admin.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        admin.post(API + "/publish", "");
        TestApi anyone = TestApi.on(port);
        List<String> receipts = new ArrayList<>();
        for (String text : List.of(KIND, HOPE, FORMULA, "Withdrawn later")) {
            JsonNode reply = ExportTestSupport.submit(anyone, STUDY, """
                    "adult": "yes", "recovery_meaning": "%s\"""".formatted(text), true);
            ids.add(reply.get("responseId").asString());
            receipts.add(reply.get("receiptCode").asString());
        }
        var saved = admin.post(API + "/themes", """
                {"themes": [{"code": "warmth", "name": "Warmth & kindness", "description": "Human qualities"},
                            {"code": "kind_staff", "name": "Kind staff", "parent": "warmth"},
                            {"code": "hope", "name": "Hope"}]}""");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        code(ids.get(0), "kind_staff", null, null);
        // After an emoji (one code point, two Java chars), a space and "Café first; ": 14 code points in.
        code(ids.get(1), "hope", 14, 18);
        code(ids.get(3), "hope", null, null);
        // Withdrawn after coding: its text and its coding must leave every export.
        assertThat(anyone.send("DELETE", "/api/responses/" + receipts.get(3), null, null)
                        .status())
                .isEqualTo(204);
        ids.remove(3);
    }

    private void code(String responseId, String theme, Integer start, Integer end) {
        String span = start == null ? "" : ", \"start\": " + start + ", \"end\": " + end;
        var reply = admin.post(API + "/coding", """
                {"responseId": "%s", "question": "recovery_meaning", "theme": "%s"%s}""".formatted(responseId, theme, span));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    @Test
    void projectIsValidOpensAndHoldsEverySourceCodeAndCoding() throws Exception {
        var download = ExportTestSupport.download(port, API + "/text.qdpx");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/zip");
        Map<String, byte[]> zip = unzip(download.body());
        assertThat(zip).containsKey("project.qde");
        Document project = parse(zip.get("project.qde"));
        schema().newValidator().validate(new DOMSource(project));

        assertThat(attributes(project, "Code", "name")).containsExactly("Warmth & kindness", "Kind staff", "Hope");
        Element kindStaff = (Element)
                project.getElementsByTagNameNS(QdpxProject.NAMESPACE, "Code").item(1);
        assertThat(((Element) kindStaff.getParentNode()).getAttribute("name")).isEqualTo("Warmth & kindness");

        NodeList sources = project.getElementsByTagNameNS(QdpxProject.NAMESPACE, "TextSource");
        assertThat(sources.getLength())
                .as("one document per response that wrote free text")
                .isEqualTo(3);
        assertThat(zip.keySet().stream().filter(name -> name.startsWith("sources/")))
                .hasSize(3);
        assertThat(zip.values())
                .as("a withdrawn response's text leaves the project")
                .noneMatch(file -> new String(file, StandardCharsets.UTF_8).contains("Withdrawn later"));
        Map<String, String> codedText = new HashMap<>();
        for (int s = 0; s < sources.getLength(); s++) {
            Element source = (Element) sources.item(s);
            String path = source.getAttribute("plainTextPath");
            assertThat(path).startsWith("internal://");
            byte[] file = zip.get("sources/" + path.substring("internal://".length()));
            assertThat(file).as(path).isNotNull();
            int[] text = new String(file, StandardCharsets.UTF_8).codePoints().toArray();
            NodeList selections = source.getElementsByTagNameNS(QdpxProject.NAMESPACE, "PlainTextSelection");
            for (int i = 0; i < selections.getLength(); i++) {
                Element selection = (Element) selections.item(i);
                int start = Integer.parseInt(selection.getAttribute("startPosition"));
                int end = Integer.parseInt(selection.getAttribute("endPosition"));
                codedText.put(
                        source.getAttribute("name") + " " + selection.getAttribute("name"),
                        new String(text, start, end - start));
            }
        }
        assertThat(codedText)
                .containsOnly(
                        Map.entry("Response " + ids.get(0) + " kind_staff", KIND),
                        Map.entry("Response " + ids.get(1) + " hope", "hope"));
    }

    @Test
    void schemaRefusesWhatTheFormatDoesNotAllow() throws Exception {
        Document project =
                parse(unzip(ExportTestSupport.download(port, API + "/text.qdpx").body())
                        .get("project.qde"));
        Element selection = (Element) project.getElementsByTagNameNS(QdpxProject.NAMESPACE, "PlainTextSelection")
                .item(0);
        selection.removeAttribute("endPosition");
        assertThatThrownBy(() -> schema().newValidator().validate(new DOMSource(project)))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("endPosition");
        Element codeRef = (Element) parse(unzip(ExportTestSupport.download(port, API + "/text.qdpx")
                                .body())
                        .get("project.qde"))
                .getElementsByTagNameNS(QdpxProject.NAMESPACE, "CodeRef")
                .item(0);
        codeRef.setAttribute("targetGUID", "00000000-0000-0000-0000-000000000000");
        assertThatThrownBy(() -> schema().newValidator().validate(new DOMSource(codeRef.getOwnerDocument())))
                .as("a coding must refer to a code of the codebook")
                .isInstanceOf(SAXException.class);
        Element source = (Element) parse(unzip(ExportTestSupport.download(port, API + "/text.qdpx")
                                .body())
                        .get("project.qde"))
                .getElementsByTagNameNS(QdpxProject.NAMESPACE, "TextSource")
                .item(0);
        source.setAttribute("creatingUser", "00000000-0000-0000-0000-000000000000");
        assertThatThrownBy(() -> schema().newValidator().validate(new DOMSource(source.getOwnerDocument())))
                .as("the user a source is attributed to must be a user of the project")
                .isInstanceOf(SAXException.class);
        source.setAttribute(
                "creatingUser",
                ((Element) source.getOwnerDocument()
                                .getElementsByTagNameNS(QdpxProject.NAMESPACE, "User")
                                .item(0))
                        .getAttribute("guid"));
        source.removeAttribute("plainTextPath");
        assertThatThrownBy(() -> schema().newValidator().validate(new DOMSource(source.getOwnerDocument())))
                .as("a text source must say where its text is, as the standard requires (content or path)")
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("plainTextPath");
    }

    @Test
    void textCsvHasOneRowPerAnswerWithItsThemes() {
        var csv = ExportTestSupport.parse(admin.get(API + "/text.csv").body());
        assertThat(csv.header()).containsExactlyElementsOf(FreeText.CSV_HEADER);
        assertThat(csv.column("response_id")).containsExactlyElementsOf(ids);
        assertThat(csv.column("text")).containsExactly(KIND, HOPE, "'" + FORMULA);
        assertThat(csv.column("themes")).containsExactly("kind_staff", "hope", "");
        assertThat(csv.column("theme_names")).containsExactly("Kind staff", "Hope", "");
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Parsed by a parser that refuses any DOCTYPE, as Waymark parses REFI-QDA files it reads. */
    private static Document parse(byte[] xml) throws Exception {
        return RefiQdaXml.secureFactory().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Schema schema() throws Exception {
        try (InputStream xsd = QdpxExportTests.class.getResourceAsStream("/exports/refi-qda-project.xsd")) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new javax.xml.transform.stream.StreamSource(xsd));
        }
    }

    private static List<String> attributes(Document document, String element, String attribute) {
        NodeList nodes = document.getElementsByTagNameNS(QdpxProject.NAMESPACE, element);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(((Element) nodes.item(i)).getAttribute(attribute));
        }
        return values;
    }
}
