package io.territoryscorecard;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A multipart/form-data body, built part by part in order, as an upload form sends it. */
public final class MultipartForm {

    private final String boundary = "----scorecard" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** Text files as parts named {@code files} (how rule files are uploaded), each map key being a file name. */
    public static MultipartForm files(Map<String, String> files) {
        MultipartForm form = new MultipartForm();
        files.forEach((fileName, content) -> form.file("files", fileName, content));
        return form;
    }

    public MultipartForm field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** A file part with UTF-8 text content. */
    public MultipartForm file(String name, String fileName, String content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n");
        return this;
    }

    /** A POST of this form to the address; the caller adds credentials or cookies and sends it. */
    HttpRequest.Builder post(URI uri) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(BodyPublishers.ofByteArray(body.toByteArray()),
                        BodyPublishers.ofString("--" + boundary + "--\r\n")));
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
