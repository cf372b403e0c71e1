package org.waymark.survey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The participant pages as a browser without JavaScript sees them: a cookie jar for the session, form
 * posts with the page's CSRF token, and redirects left for the caller to follow, so each request can
 * be checked (or timed) on its own.
 */
public final class PageClient {

    /** What a browser sends when it opens a page. */
    public static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** Shared by every visitor; each keeps its own cookies. */
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    private PageClient(String base) {
        this.base = base;
    }

    /** A new visitor, with no cookies. */
    public static PageClient on(int port) {
        return new PageClient("http://127.0.0.1:" + port);
    }

    /** A reply: status, headers and body. */
    public record Page(int status, HttpHeaders headers, String body) {

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** Where a redirect points, as a path on this server. */
        public String location() {
            URI location = URI.create(headers.firstValue("Location").orElseThrow());
            return location.getRawQuery() == null
                    ? location.getRawPath()
                    : location.getRawPath() + "?" + location.getRawQuery();
        }

        /** The CSRF token of the first form on the page. */
        public String csrfToken() {
            Matcher token = CSRF.matcher(body);
            if (!token.find()) {
                throw new IllegalStateException("the page has no form with a CSRF token");
            }
            return token.group(1);
        }
    }

    /** The value of a cookie this visitor holds, or null. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** Sets a cookie, as a visitor who copied it from elsewhere would send it. */
    public PageClient withCookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    /** Opens a page as a browser does. */
    public Page get(String path) {
        return get(path, BROWSER_ACCEPT);
    }

    /** Opens an address with the given Accept header, or none when {@code null}. */
    public Page get(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.GET());
    }

    /**
     * Sends a form as a browser does, with the given fields (a name may repeat, as checkboxes do) and
     * the CSRF token; {@code csrfToken} may be {@code null} to send none.
     */
    public Page post(String path, String csrfToken, List<Map.Entry<String, String>> fields) {
        String form = fields.stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        if (csrfToken != null) {
            form = (form.isEmpty() ? "" : form + "&") + "_csrf=" + encode(csrfToken);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", BROWSER_ACCEPT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Sends a study definition's file as the upload page's form does: {@link #postFile} with field {@code file}. */
    public Page postMultipart(
            String path, String csrfToken, List<Map.Entry<String, String>> fields, String fileName, byte[] file) {
        return postFile(path, csrfToken, fields, "file", fileName, file);
    }

    /**
     * Sends a form with a file as a browser does ({@code multipart/form-data}): the fields, the file under
     * {@code fileField} (empty when {@code fileName} is null, as a browser sends a file input left empty),
     * and the CSRF token.
     */
    public Page postFile(
            String path,
            String csrfToken,
            List<Map.Entry<String, String>> fields,
            String fileField,
            String fileName,
            byte[] content) {
        String boundary = "----waymark-test-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Consumer<String> write = text -> body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (csrfToken != null) {
            all.add(Map.entry("_csrf", csrfToken));
        }
        for (Map.Entry<String, String> field : all) {
            write.accept(
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n");
            write.accept(field.getValue() + "\r\n");
        }
        write.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + (fileName == null ? "" : fileName) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        if (content != null) {
            body.writeBytes(content);
        }
        write.accept("\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", BROWSER_ACCEPT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private Page send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                HttpCookie.parse(cookie).forEach(parsed -> cookies.put(parsed.getName(), parsed.getValue()));
            }
            return new Page(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
