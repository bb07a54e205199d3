package dev.shadowparity.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * swagger-parser says what is wrong with a spec by a dotted path ({@code attribute paths.'/pets'(get).responses is
 * missing}) and no line: the path is read back into a JSON pointer, and the message placed at the deepest part of it the
 * root file has.
 */
final class SwaggerMessages {

    private SwaggerMessages() {}

    static String placed(String message, SpecDocuments docs) {
        String pointer = pointer(message);
        if (pointer == null) {
            return docs.shown(docs.root()) + ": " + message;
        }
        String existing = pointer;
        while (!existing.isEmpty() && docs.rootDocument().root().at(existing).isMissingNode()) {
            existing = existing.substring(0, existing.lastIndexOf('/'));
        }
        return docs.where(new SpecDocuments.Location(docs.root(), existing)) + ": " + message + " (at "
                + SpecDocuments.pointerText(pointer) + ")";
    }

    /** The pointer a message's {@code attribute a.'b'(get).c} names, or {@code null} when it names none. */
    static String pointer(String message) {
        int start = message.indexOf("attribute ");
        if (start < 0) {
            return null;
        }
        String rest = message.substring(start + "attribute ".length());
        int end = rest.indexOf(' ');
        String dotted = end < 0 ? rest : rest.substring(0, end);
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < dotted.length(); i++) {
            char c = dotted.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else if (c == '(' && !quoted) {
                int close = dotted.indexOf(')', i);
                if (close > i) {
                    parts.add(current.toString());
                    current.setLength(0);
                    current.append(dotted, i + 1, close);
                    i = close;
                }
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        StringBuilder pointer = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                pointer.append('/').append(SpecDocuments.escape(p));
            }
        }
        return pointer.toString();
    }
}
