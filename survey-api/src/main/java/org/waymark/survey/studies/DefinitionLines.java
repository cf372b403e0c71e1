package org.waymark.survey.studies;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places a definition's errors on the lines of its text, for the upload page. The reader names where a
 * problem is by JSONPath; this reads the same text again token by token, noting the line each field name
 * and list item starts on, and puts each error on the line of its path, or of the nearest enclosing part
 * that is in the text (a missing field's error goes to the object that should hold it). Text that
 * cannot be read as JSON stops both readers at the same place, which is where its one error goes.
 */
final class DefinitionLines {

    /** A definition shorter than this is listed whole; a longer one only around its errors. */
    static final int WHOLE_LISTING_LINES = 300;

    /** Lines shown before and after an error in a listing of a long definition. */
    static final int CONTEXT_LINES = 3;

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SEGMENT =
            Pattern.compile("\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+]|\\['(?:[^'\\\\]|\\\\.)*']");

    /** The same strictness as {@link DefinitionReader}'s, so a text fails to read where the reader's fails. */
    private static final JsonMapper TOKENS = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** An error with the line it concerns. */
    record Located(int line, String path, String message) {}

    /**
     * One row of the listing: a line of the text with the errors placed on it, or (when {@code text} is
     * null) a gap of lines not shown, from {@code number} to {@code gapEnd}.
     */
    record Row(int number, String text, List<Located> errors, int gapEnd) {

        public boolean gap() {
            return text == null;
        }
    }

    /** The errors in line order, and the listing to show them in. */
    record Listing(List<Located> errors, List<Row> rows) {}

    private final List<String> lines;
    private final Map<String, Integer> lineByPath = new HashMap<>();
    /** The line where the text stopped being readable JSON, or 0 if it was read to the end. */
    private int unreadableAt;

    private DefinitionLines(String json) {
        this.lines = List.of(LINE_BREAK.split(json, -1));
        readPositions(json);
    }

    /** Lists {@code json} with {@code errors} (as the reader reported them) placed on their lines. */
    static Listing of(String json, List<DefinitionError> errors) {
        DefinitionLines text = new DefinitionLines(json);
        List<Located> located = errors.stream()
                .map(error -> new Located(text.lineOf(error, errors.size()), error.path(), error.message()))
                .sorted(Comparator.comparingInt(Located::line))
                .toList();
        return new Listing(located, text.rows(located));
    }

    private int lineOf(DefinitionError error, int errorCount) {
        if (unreadableAt > 0 && errorCount == 1) {
            return unreadableAt;
        }
        return lineOf(error.path());
    }

    /** The line of the path, or of its nearest enclosing part found in the text; the first line if none is. */
    int lineOf(String path) {
        List<String> prefixes = new ArrayList<>();
        prefixes.add("$");
        if (path.startsWith("$")) {
            Matcher segment = SEGMENT.matcher(path);
            int at = 1;
            StringBuilder prefix = new StringBuilder("$");
            while (at < path.length() && segment.find(at) && segment.start() == at) {
                prefix.append(segment.group());
                prefixes.add(prefix.toString());
                at = segment.end();
            }
        }
        for (int i = prefixes.size() - 1; i >= 0; i--) {
            Integer line = lineByPath.get(prefixes.get(i));
            if (line != null) {
                return Math.min(line, lines.size());
            }
        }
        return 1;
    }

    private void readPositions(String json) {
        Deque<Container> open = new ArrayDeque<>();
        boolean rootRead = false;
        try (JsonParser parser = TOKENS.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token.isStructEnd()) {
                    open.pop();
                    continue;
                }
                Container in = open.peek();
                String path;
                if (in == null) {
                    if (rootRead) {
                        // Something after the definition's closing brace: the reader refuses it here.
                        unreadableAt = line;
                        return;
                    }
                    rootRead = true;
                    path = "$";
                    lineByPath.putIfAbsent(path, line);
                } else if (token == JsonToken.PROPERTY_NAME) {
                    in.name = parser.currentName();
                    lineByPath.putIfAbsent(in.path + segment(in.name), line);
                    continue;
                } else if (in.array) {
                    in.index++;
                    path = in.path + "[" + in.index + "]";
                    lineByPath.putIfAbsent(path, line);
                } else {
                    path = in.path + segment(in.name);
                }
                if (token.isStructStart()) {
                    open.push(new Container(token == JsonToken.START_ARRAY, path));
                }
            }
        } catch (JacksonException e) {
            unreadableAt = e.getLocation() == null || e.getLocation().getLineNr() < 1
                    ? 1
                    : e.getLocation().getLineNr();
        }
    }

    /** A field name as a JSONPath step, written as {@code web.JsonPaths} and the validators write it. */
    private static String segment(String name) {
        return PLAIN_NAME.matcher(name).matches()
                ? "." + name
                : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private List<Row> rows(List<Located> errors) {
        Map<Integer, List<Located>> byLine = new HashMap<>();
        errors.forEach(error ->
                byLine.computeIfAbsent(error.line(), line -> new ArrayList<>()).add(error));
        boolean whole = lines.size() <= WHOLE_LISTING_LINES;
        List<Row> rows = new ArrayList<>();
        int gapStart = 0;
        for (int number = 1; number <= lines.size(); number++) {
            if (whole || nearAnError(number, byLine)) {
                if (gapStart > 0) {
                    rows.add(new Row(gapStart, null, List.of(), number - 1));
                    gapStart = 0;
                }
                rows.add(new Row(number, lines.get(number - 1), byLine.getOrDefault(number, List.of()), 0));
            } else if (gapStart == 0) {
                gapStart = number;
            }
        }
        if (gapStart > 0) {
            rows.add(new Row(gapStart, null, List.of(), lines.size()));
        }
        return rows;
    }

    private static boolean nearAnError(int number, Map<Integer, List<Located>> byLine) {
        for (int line = number - CONTEXT_LINES; line <= number + CONTEXT_LINES; line++) {
            if (byLine.containsKey(line)) {
                return true;
            }
        }
        return false;
    }

    /** An object or list being read, with the field or the index reached in it. */
    private static final class Container {
        final boolean array;
        final String path;
        String name;
        int index = -1;

        Container(boolean array, String path) {
            this.array = array;
            this.path = path;
        }
    }
}
