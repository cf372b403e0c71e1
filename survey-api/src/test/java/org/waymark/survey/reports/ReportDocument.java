package org.waymark.survey.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A report's XHTML, parsed as XML, read the way a test needs it: tables by id, cells, chart labels. */
final class ReportDocument {

    /** "n of N" and "x% of about N" as reports and sentences write them. */
    static final Pattern OF = Pattern.compile("(?:(\\d+)|\\d+(?:\\.\\d+)?%) of (?:about )?(\\d+)");

    final String html;
    final Document document;

    ReportDocument(String html) {
        this.html = html;
        this.document = ReportRenderer.parse(html);
    }

    List<Element> all(String tag) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = document.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    Optional<Element> byId(String id) {
        NodeList nodes = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (id.equals(element.getAttribute("id"))) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** The text of each body cell of a table, by row. */
    List<List<String>> cells(String tableId) {
        Element table = byId(tableId).orElseThrow(() -> new AssertionError("no table " + tableId));
        List<List<String>> rows = new ArrayList<>();
        for (Element row : children(table, "tr")) {
            List<String> cells = new ArrayList<>();
            for (Element cell : children(row, "td")) {
                cells.add(cell.getTextContent().strip());
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The labels of a table's chart bars, row by row and column by column. */
    List<String> chartFigures(String tableId) {
        Element block = byId(tableId + "-block").orElseThrow();
        List<String> figures = new ArrayList<>();
        for (Element text : children(block, "text")) {
            if (text.getAttribute("class").equals("figure")) {
                figures.add(text.getTextContent());
            }
        }
        return figures;
    }

    /** Every text node and attribute value: what a reader, a screen reader or a copy-paste could see. */
    String everything() {
        StringBuilder out = new StringBuilder();
        collect(document.getDocumentElement(), out);
        return out.toString();
    }

    /** Where the document shows a count from 1 to the threshold: none may appear under a protected profile. */
    List<String> smallCounts(int threshold) {
        List<String> found = new ArrayList<>();
        Matcher of = OF.matcher(everything());
        while (of.find()) {
            long n = of.group(1) == null ? 0 : Long.parseLong(of.group(1));
            long base = Long.parseLong(of.group(2));
            if ((n >= 1 && n <= threshold) || (base >= 1 && base <= threshold)) {
                found.add(of.group());
            }
        }
        for (Element cell : all("td")) {
            String text = cell.getTextContent().strip();
            if (text.matches("\\d+") && Long.parseLong(text) >= 1 && Long.parseLong(text) <= threshold) {
                found.add("cell " + text);
            }
        }
        return found;
    }

    private static void collect(Node node, StringBuilder out) {
        if (node.getNodeType() == Node.TEXT_NODE) {
            out.append(node.getNodeValue()).append('\n');
        }
        if (node instanceof Element element) {
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                out.append(element.getAttributes().item(i).getNodeValue()).append('\n');
            }
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, out);
        }
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
