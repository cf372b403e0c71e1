package org.waymark.survey.themes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.waymark.survey.web.ApiProblemException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Codebooks in the REFI-QDA codebook exchange format ({@code .qdc}), which NVivo, ATLAS.ti, MAXQDA and
 * QualCoder read and write. A theme becomes a code with a GUID made from the study and the theme's
 * code, so exporting twice gives the same file and a file brought back keeps each theme's code and rule.
 * Parents become nesting. Rules have no place in the format and stay in Waymark.
 */
final class QdcCodebooks {

    static final String NAMESPACE = "urn:QDA-XML:codebook:1.0";

    private static final Schema SCHEMA = schema();

    private QdcCodebooks() {}

    static String guid(String studyId, String code) {
        return UUID.nameUUIDFromBytes(("waymark:" + studyId + ":" + code).getBytes(StandardCharsets.UTF_8))
                .toString()
                .toUpperCase(Locale.ROOT);
    }

    /** The codebook as a .qdc document. */
    static String write(String studyId, Codebook codebook) {
        try {
            Document document = RefiQdaXml.secureFactory().newDocumentBuilder().newDocument();
            Element root = document.createElementNS(NAMESPACE, "CodeBook");
            root.setAttribute("origin", "Waymark");
            document.appendChild(root);
            Element codes = document.createElementNS(NAMESPACE, "Codes");
            root.appendChild(codes);
            Map<String, Element> elements = new HashMap<>();
            for (Codebook.Theme theme : codebook.themes()) {
                Element code = document.createElementNS(NAMESPACE, "Code");
                code.setAttribute("guid", guid(studyId, theme.code()));
                code.setAttribute("name", theme.name());
                code.setAttribute("isCodable", "true");
                if (theme.description() != null && !theme.description().isBlank()) {
                    Element description = document.createElementNS(NAMESPACE, "Description");
                    description.setTextContent(theme.description());
                    code.appendChild(description);
                }
                elements.put(theme.code(), code);
            }
            for (Codebook.Theme theme : codebook.themes()) {
                Element parent = theme.parent() == null ? codes : elements.get(theme.parent());
                (parent == null ? codes : parent).appendChild(elements.get(theme.code()));
            }
            return RefiQdaXml.write(document);
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("could not write a codebook document", e);
        }
    }

    /**
     * Reads a .qdc document into themes. A code whose GUID is one this study's themes were exported
     * with keeps that theme's code and rule; other codes get a code made from their name.
     *
     * @throws ApiProblemException (422) if the document is not a valid REFI-QDA codebook
     */
    static List<Codebook.Theme> read(String studyId, byte[] qdc, Codebook current) {
        Document document;
        try {
            // Parsed first by a parser that refuses DTDs, then the parsed tree is validated.
            DocumentBuilder parser = RefiQdaXml.secureFactory().newDocumentBuilder();
            // Without a handler of its own the parser also prints "[Fatal Error]" lines to standard
            // error; this one only throws, and the caller is answered in plain words.
            parser.setErrorHandler(new DefaultHandler());
            document = parser.parse(new ByteArrayInputStream(qdc));
            validator().validate(new DOMSource(document));
        } catch (SAXParseException e) {
            throw notValid("line " + e.getLineNumber() + ": " + plain(e.getMessage()));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw notValid("the file could not be read as XML");
        }
        Map<String, Codebook.Theme> byGuid = new HashMap<>();
        current.themes().forEach(theme -> byGuid.put(guid(studyId, theme.code()), theme));
        List<Codebook.Theme> themes = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Element codesElement = firstChild(document.getDocumentElement(), "Codes");
        for (Element code : children(codesElement, "Code")) {
            addTheme(code, null, byGuid, codes, themes);
        }
        return themes;
    }

    private static void addTheme(
            Element element,
            String parent,
            Map<String, Codebook.Theme> byGuid,
            Set<String> codes,
            List<Codebook.Theme> themes) {
        String guid =
                element.getAttribute("guid").replace("{", "").replace("}", "").toUpperCase(Locale.ROOT);
        String name = element.getAttribute("name").strip();
        Element descriptionElement = firstChild(element, "Description");
        String description = descriptionElement == null
                ? null
                : descriptionElement.getTextContent().strip();
        Codebook.Theme known = byGuid.get(guid);
        String code = known != null ? known.code() : unique(slug(name), codes);
        codes.add(code);
        themes.add(new Codebook.Theme(
                code,
                name,
                description == null || description.isEmpty() ? null : description,
                parent,
                known == null ? null : known.rule()));
        for (Element child : children(element, "Code")) {
            addTheme(child, code, byGuid, codes, themes);
        }
    }

    static String slug(String name) {
        String slug = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (slug.isEmpty() || !Character.isLetter(slug.charAt(0))) {
            slug = "theme_" + slug;
        }
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    private static String unique(String code, Set<String> taken) {
        String candidate = code;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = code + "_" + n;
        }
        return candidate;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element firstChild(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst();
    }

    /** The validator's message without its "cvc-..." error code. */
    private static String plain(String message) {
        return message == null ? "not valid" : message.replaceFirst("^cvc-[a-zA-Z0-9.-]+: ", "");
    }

    private static ApiProblemException notValid(String why) {
        return new ApiProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Codebook file not valid",
                "This is not a REFI-QDA codebook (.qdc) Waymark can read, so nothing was saved: " + why + ".");
    }

    private static Schema schema() {
        try (InputStream xsd = new ClassPathResource("themes/refi-qda-codebook.xsd").getInputStream()) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(xsd));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("the bundled REFI-QDA codebook schema is missing or broken", e);
        }
    }

    /** Checks a document against the REFI-QDA codebook schema; tests use it on what Waymark writes. */
    static void validate(String qdc) throws SAXException, IOException {
        validator().validate(new StreamSource(new ByteArrayInputStream(qdc.getBytes(StandardCharsets.UTF_8))));
    }

    private static javax.xml.validation.Validator validator() throws SAXException {
        var validator = SCHEMA.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return validator;
    }
}
