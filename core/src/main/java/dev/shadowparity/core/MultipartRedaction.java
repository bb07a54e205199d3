package dev.shadowparity.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the parts of a {@code multipart/*} body whose field name is a secret's, and secrets in its text parts.
 * The body is read as ISO-8859-1, one char per byte, so binary parts (a file upload) come back byte for byte.
 */
final class MultipartRedaction {

    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)content-disposition:[^\\r\\n]*?;\\s*name=(?:\"([^\"]*)\"|([^;\\s]+))");
    private static final Pattern PART_TYPE = Pattern.compile("(?i)content-type:\\s*([^\\r\\n]*)");

    private MultipartRedaction() {}

    static byte[] redact(byte[] body, String contentType, Redactor redactor) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            return body; // not a multipart body anyone could read either
        }
        String delimiter = "--" + (b.group(1) != null ? b.group(1) : b.group(2));
        String all = new String(body, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(all.length());
        int at = all.indexOf(delimiter);
        if (at < 0) {
            return body;
        }
        out.append(all, 0, at);
        while (at >= 0) {
            int partStart = at + delimiter.length();
            int next = all.indexOf("\r\n" + delimiter, partStart);
            int partEnd = next < 0 ? all.length() : next;
            out.append(delimiter).append(part(all.substring(partStart, partEnd), redactor));
            if (next < 0) {
                break;
            }
            out.append("\r\n");
            at = next + 2;
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One part after its delimiter: its headers, a blank line, its content. */
    private static String part(String part, Redactor redactor) {
        int blank = part.indexOf("\r\n\r\n");
        if (blank < 0) {
            return part; // the closing "--" or a part with no content
        }
        String head = part.substring(0, blank + 4);
        String content = part.substring(blank + 4);
        Matcher name = NAME.matcher(head);
        if (name.find() && redactor.isSecretName(name.group(1) != null ? name.group(1) : name.group(2))) {
            String secret = new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return head + Redactor.mask(secret);
        }
        Matcher type = PART_TYPE.matcher(head);
        String partType = type.find() ? type.group(1).toLowerCase(Locale.ROOT) : "";
        boolean text = partType.isEmpty() || partType.startsWith("text/") || Bodies.isJsonType(partType)
                || partType.contains("x-www-form-urlencoded");
        // Secrets are ASCII, and so are the masks: text rules applied to the one-char-per-byte view keep other bytes.
        return text ? head + redactor.text(content) : part;
    }
}
