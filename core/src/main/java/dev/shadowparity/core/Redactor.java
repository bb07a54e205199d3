package dev.shadowparity.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.config.SuiteConfig;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Removes secrets before anything is written: header values by name, JSON values by path or by field name (anywhere
 * in the tree, whatever their case: {@code password}, {@code access_token}, ...), inside every subtree a difference
 * carries, form fields and multipart parts by the same names, credentials inside query strings, and JWT-shaped
 * values anywhere in text. Redaction happens where data leaves the process, never on what is proxied or compared: a
 * changed secret is still a difference, shown masked.
 *
 * <p>A masked value reads {@code [REDACTED:1f0c9a2e]}: a short HMAC of the secret under a key drawn when the process
 * starts, so a reviewer sees whether the two sides sent the same secret without anyone (even with the log and a list
 * of likely passwords) learning it. Every redactor of a process shares the key, so one secret has one mask across
 * the exchange log, the verdict and the report.
 */
public final class Redactor {

    /** How every masked value begins. */
    public static final String MASK = "[REDACTED";

    private static final byte[] KEY = new byte[32];
    private static final ThreadLocal<Mac> HMAC;

    static {
        new SecureRandom().nextBytes(KEY);
        HMAC = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
            }
        });
    }

    /** Two bytes of a body in one read, for {@link #couldMaskUtf8}. */
    private static final java.lang.invoke.VarHandle LITTLE_ENDIAN_SHORT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Header, payload, signature: the first two are base64url JSON objects, so they begin {@code eyJ}. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

    private final Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Pattern> jsonPaths;
    private final List<String> lowerNames;
    private final String[][] namesByFirst;
    /**
     * The byte pairs {@link #couldMaskUtf8} looks closer at, indexed by a little-endian 16-bit read
     * ({@code second << 8 | first}), each with where to look. The scan reads the pairs at even offsets only, two bytes
     * a step: a name (or {@code eyJ}, {@code \\u}) that begins at an even offset shows its first two characters there
     * ({@link #HERE}), one that begins at an odd offset its second and third in the pair after ({@link #BEFORE}), and
     * a one- or two-character one its first as the second byte of the pair before ({@link #AFTER}); in every ASCII
     * case. A step per byte that asked each byte its kind was over a third of the publishing thread's samples. A byte
     * a pair (64 KB, of which a text touches few lines) because a bit's shift and mask cost the loop a third more.
     */
    private final byte[] scanPairs;
    private static final int HERE = 1;
    private static final int BEFORE = 2;
    private static final int AFTER = 4;
    /** The pairs that may begin a scanned name, as bits of the same index: where a set scan pair looks closer. */
    private final long[] namePairs;
    private final boolean nonAsciiNames;
    private final Pattern querySecret;
    /** {@code name=value} by secret name: form fields, and queries or forms quoted inside text. */
    private final Pattern assignedSecret;
    /** {@code "name": value} by secret name: JSON quoted inside text (a log line, an error message). */
    private final Pattern quotedSecret;

    public Redactor(RedactionSettings settings) {
        headers.addAll(settings.headers());
        names.addAll(settings.names());
        jsonPaths = settings.jsonPaths().stream().map(JsonPaths::compile).toList();
        lowerNames = settings.names().stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
        namesByFirst = byFirst(lowerNames);
        List<String> scanned = new ArrayList<>(scanned(namesByFirst).toList());
        scanned.add("eyj"); // any case here: maskedAt asks eyJ exactly
        scanned.add("\\u");
        scanPairs = new byte[1 << 16];
        namePairs = new long[(1 << 16) / 64];
        scanned.forEach(this::addPairs);
        nonAsciiNames = lowerNames.stream().anyMatch(n -> n.chars().anyMatch(ch -> ch >= 128));
        // Query parameters by the same names, and a URL signature (sig) always.
        List<String> params = new ArrayList<>(settings.names());
        params.add("sig");
        String alternatives = String.join("|", params.stream().map(Pattern::quote).toList());
        querySecret = Pattern.compile("(?i)([?&](?:" + alternatives + ")=)([^&#]*)");
        assignedSecret = Pattern.compile("(?i)((?<![A-Za-z0-9_.-])(?:" + alternatives + ")=)([^&\\s]*)");
        quotedSecret = Pattern.compile("(?i)(\"(?:" + alternatives + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\s]+)");
    }

    /** The mask that stands for {@code secret}: equal secrets get equal masks, a changed secret another. */
    public static String mask(String secret) {
        byte[] h = HMAC.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
        return MASK + ":" + HexFormat.of().formatHex(h, 0, 4) + "]";
    }

    private static TextNode mask(JsonNode secret) {
        return TextNode.valueOf(mask(secret.isValueNode() ? secret.asText() : secret.toString()));
    }

    /**
     * Whether masking could change {@code text} (a body as text, JSON or not): {@code false} only when it holds none of
     * the secret names (in any case, so no key, form field, part or {@code name=value} can be one), no JWT, no
     * {@code \\u} escape (which could spell a name) and no JSON path is configured. Conservative: a name inside another
     * word ({@code "tokenizer"}) answers {@code true}, and the caller masks as usual.
     */
    public boolean couldMask(String text) {
        if (!jsonPaths.isEmpty()) {
            return true;
        }
        // One pass, no lower-cased copy: at each character that starts a name (in either case), the names starting with
        // it are compared in place. Publishing asks this of every body; a pass per name showed in its profile.
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 'e' && text.startsWith("eyJ", i) || c == '\\' && text.startsWith("\\u", i)) {
                return true;
            }
            char lower = c < 128 ? (char) (c | (c >= 'A' && c <= 'Z' ? 0x20 : 0)) : Character.toLowerCase(c);
            String[] starting = lower < 128 ? namesByFirst[lower] : null;
            if (starting != null) {
                for (String name : starting) {
                    if (text.regionMatches(true, i, name, 0, name.length())) {
                        return true;
                    }
                }
            } else if (lower >= 128 && nonAsciiNames) {
                return true; // a name outside ASCII: the caller masks as usual (rare, and conservative)
            }
        }
        return false;
    }

    /**
     * {@link #couldMask(String)} of a UTF-8 body, read from its bytes without decoding it: every secret name, the JWT
     * prefix and the {@code \\u} escape are ASCII, and no byte of a multi-byte UTF-8 character is, so an ASCII match in
     * the bytes is one in the text. With a configured name outside ASCII, the text is decoded and asked.
     */
    public boolean couldMaskUtf8(byte[] body) {
        if (!jsonPaths.isEmpty()) {
            return true;
        }
        if (nonAsciiNames) {
            return couldMask(new String(body, StandardCharsets.UTF_8));
        }
        int n = body.length;
        for (int p = 0; p + 1 < n; p += 2) {
            int look = scanPairs[pairAt(body, p)];
            if (look != 0 && ((look & HERE) != 0 && maskedAt(body, p) || (look & BEFORE) != 0 && beginsAt(body, p - 1)
                    || (look & AFTER) != 0 && beginsAt(body, p + 1))) {
                return true;
            }
        }
        return (n & 1) == 1 && beginsAt(body, n - 1); // the last byte of an odd length is in no pair read
    }

    private static int pairAt(byte[] body, int at) {
        return (short) LITTLE_ENDIAN_SHORT.get(body, at) & 0xFFFF;
    }

    /** {@link #maskedAt}, refused at once where the pair there begins no name. */
    private boolean beginsAt(byte[] body, int at) {
        if (at < 0 || at >= body.length) {
            return false;
        }
        if (at + 1 < body.length) {
            int pair = pairAt(body, at);
            if ((namePairs[pair >>> 6] & 1L << pair) == 0) {
                return false;
            }
        }
        return maskedAt(body, at);
    }

    /** Whether a secret name (in any case), {@code eyJ} or {@code \\u} begins at {@code at} of a UTF-8 body. */
    private boolean maskedAt(byte[] body, int at) {
        int b = body[at];
        if (b == 'e' && startsWith(body, at, "eyJ") || b == '\\' && startsWith(body, at, "\\u")) {
            return true;
        }
        String[] starting = b < 0 ? null : namesByFirst[lowerAscii(b)];
        if (starting != null) {
            for (String name : starting) {
                if (matchesIgnoringAsciiCase(body, at, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        if (at + ascii.length() > b.length) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[at + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The names a UTF-8 scan tries ({@code sig} included), some more than once (the upper-case rows share them). */
    private static java.util.stream.Stream<String> scanned(String[][] byFirst) {
        return java.util.Arrays.stream(byFirst).filter(java.util.Objects::nonNull).flatMap(java.util.Arrays::stream);
    }

    /** Sets {@code name}'s pairs in {@link #scanPairs} and {@link #namePairs} (see there which), in every ASCII case. */
    private void addPairs(String name) {
        for (int c0 : asciiCases(name.charAt(0))) {
            if (name.length() <= 2) {
                for (int any = 0; any < 256; any++) {
                    scanPairs[pair(any, c0)] |= AFTER;
                }
            }
            if (name.length() == 1) {
                for (int any = 0; any < 256; any++) {
                    beginsName(c0, any);
                }
                continue;
            }
            for (int c1 : asciiCases(name.charAt(1))) {
                beginsName(c0, c1);
                if (name.length() > 2) {
                    for (int c2 : asciiCases(name.charAt(2))) {
                        scanPairs[pair(c1, c2)] |= BEFORE;
                    }
                }
            }
        }
    }

    private void beginsName(int first, int second) {
        int pair = pair(first, second);
        scanPairs[pair] |= HERE;
        namePairs[pair >>> 6] |= 1L << pair;
    }

    /** The index of two bytes in {@link #scanPairs} and {@link #namePairs}, as {@link #pairAt} reads them. */
    private static int pair(int first, int second) {
        return (second & 0xFF) << 8 | first & 0xFF;
    }

    /** A lower-case ASCII character and its upper case, or a character that has no other ASCII case alone. */
    private static int[] asciiCases(char c) {
        return c >= 'a' && c <= 'z' ? new int[] {c, c - 0x20} : new int[] {c};
    }

    /** A byte of ASCII in lower case; any other byte as it is. */
    private static int lowerAscii(int b) {
        return b >= 'A' && b <= 'Z' ? b | 0x20 : b;
    }

    /** {@code lowerName} (lower-case ASCII) at {@code at} in {@code b}, in any case. */
    private static boolean matchesIgnoringAsciiCase(byte[] b, int at, String lowerName) {
        if (at + lowerName.length() > b.length) {
            return false;
        }
        for (int k = 0; k < lowerName.length(); k++) {
            if (lowerAscii(b[at + k]) != lowerName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The lower-cased secret names (and {@code sig}) by their first character, for {@link #couldMask}. */
    private static String[][] byFirst(List<String> lowerNames) {
        java.util.Map<Character, List<String>> m = new java.util.TreeMap<>();
        List<String> all = new java.util.ArrayList<>(lowerNames);
        all.add("sig");
        for (String name : all) {
            if (!name.isEmpty() && name.charAt(0) < 128) {
                m.computeIfAbsent(name.charAt(0), k -> new java.util.ArrayList<>()).add(name);
            }
        }
        String[][] out = new String[128][];
        m.forEach((first, names) -> {
            out[first] = names.toArray(String[]::new);
            char upper = Character.toUpperCase(first);
            if (upper < 128) {
                out[upper] = out[first];
            }
        });
        return out;
    }

    public boolean isSecretHeader(String name) {
        Boolean known = secretHeaderNames.get(name);
        if (known != null) {
            return known;
        }
        boolean secret = headers.contains(name);
        if (secretHeaderNames.size() < MAX_REMEMBERED_NAMES) {
            secretHeaderNames.put(name, secret);
        }
        return secret;
    }

    /**
     * Header names as spelled, answered once: every exchange written asks for each of its headers, and the
     * case-insensitive set costs several comparisons a lookup (seen in a profile of the publishing proxy). Bounded,
     * since a client may send names without end.
     */
    private final java.util.Map<String, Boolean> secretHeaderNames = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED_NAMES = 1024;

    public Headers headers(Headers in) {
        return in.mapValues((name, value) -> headers.contains(name) ? mask(value) : null);
    }

    public String uri(String uri) {
        if (uri.indexOf('?') < 0) {
            return uri;
        }
        return querySecret.matcher(uri).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + mask(m.group(2))));
    }

    /** Free text as it may be written: JWTs, and values assigned to secret names ({@code password=...}), masked. */
    public String text(String text) {
        String out = text;
        if (out.contains("eyJ")) {
            out = JWT.matcher(out).replaceAll(m -> Matcher.quoteReplacement(mask(m.group())));
        }
        if (out.indexOf('=') >= 0) {
            out = assignedSecret.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + mask(m.group(2))));
        }
        if (out.indexOf('"') >= 0 && out.indexOf(':') >= 0) {
            out = quotedSecret.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + '"' + mask(m.group(2)) + '"'));
        }
        return out;
    }

    /**
     * A body that is not JSON, as it may be written: form fields and multipart parts named as secrets masked, text
     * passed through {@link #text}. Other bodies are returned as they are (they are never written whole).
     */
    public byte[] body(byte[] body, String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("multipart/")) {
            return MultipartRedaction.redact(body, contentType, this);
        }
        if (Bodies.isText(body, contentType)) {
            Charset charset = Bodies.charset(contentType);
            return text(new String(body, charset)).getBytes(charset);
        }
        return body;
    }

    boolean isSecretName(String name) {
        return names.contains(name);
    }

    public boolean isSecretPath(String concretePath) {
        if (concretePath.startsWith("header:")) {
            return headers.contains(concretePath.substring("header:".length()));
        }
        String last = JsonPaths.lastField(concretePath);
        return (last != null && names.contains(last)) || matchesJsonPath(concretePath);
    }

    private boolean matchesJsonPath(String concretePath) {
        for (Pattern p : jsonPaths) {
            if (p.matcher(concretePath).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Returns a copy of {@code node} with every value at a secret path replaced by its mask. */
    public JsonNode json(JsonNode node) {
        return valueAt("$", node);
    }

    /** As {@link #json}, masking in place: for a tree parsed just now to be written, which nobody else holds. */
    public JsonNode jsonInPlace(JsonNode fresh) {
        if (fresh != null && fresh.isContainerNode()) {
            redactIn(fresh, "$");
        }
        return fresh;
    }

    /**
     * The value found at {@code path} (a difference's value, a sample), as it may be written out: the mask when the
     * path is a secret's, else a copy with every secret inside it masked (and text through {@link #text}). A missing
     * object carries its whole subtree; a token nested in it is masked as it would be in place.
     */
    public JsonNode valueAt(String path, JsonNode value) {
        if (value == null) {
            return null;
        }
        if (!path.equals("$") && isSecretPath(path)) {
            return mask(value);
        }
        if (value.isTextual()) {
            String shown = text(value.asText());
            return shown.equals(value.asText()) ? value : TextNode.valueOf(shown);
        }
        if (!value.isContainerNode()) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        redactIn(copy, path);
        return copy;
    }

    private void redactIn(JsonNode node, String path) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // The field's name is at hand: no need to parse it back out of the path as isSecretPath would.
                if (names.contains(e.getKey())) {
                    e.setValue(mask(e.getValue()));
                    continue;
                }
                JsonNode v = e.getValue();
                if (v.isValueNode() && !v.isTextual() && jsonPaths.isEmpty()) {
                    continue; // nothing to mask in a number or boolean unless a path names it
                }
                String child = jsonPaths.isEmpty() ? path : JsonPaths.field(path, e.getKey());
                if (matchesJsonPath(child)) {
                    e.setValue(mask(v));
                } else if (v.isTextual()) {
                    String shown = text(v.asText());
                    if (!shown.equals(v.asText())) {
                        e.setValue(TextNode.valueOf(shown));
                    }
                } else {
                    redactIn(v, child);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode v = arr.get(i);
                String child = jsonPaths.isEmpty() ? path : JsonPaths.index(path, i);
                // An element is named by its array's field, which was checked before the walk came down here.
                if (!jsonPaths.isEmpty() && matchesJsonPath(child)) {
                    arr.set(i, mask(v));
                } else if (v.isTextual()) {
                    String shown = text(v.asText());
                    if (!shown.equals(v.asText())) {
                        arr.set(i, TextNode.valueOf(shown));
                    }
                } else if (v.isContainerNode()) {
                    redactIn(v, child);
                }
            }
        }
    }

    private static final Pattern SECRET_HEADER_NAME = Pattern.compile("(?i).*(auth|token|key|secret|password|cookie|session).*");

    /**
     * A suite as a running proxy shows it ({@code GET /config}): header values of backends are masked when the suite
     * names them secret or their names look like credentials.
     */
    public static ObjectNode shownConfig(SuiteConfig config) {
        Redactor redactor = new Redactor(config.redact());
        ObjectNode o = new ObjectMapper().valueToTree(config);
        ObjectNode backends = (ObjectNode) o.path("backends");
        for (String role : List.of("primary", "secondary", "candidate")) {
            BackendConfig b = switch (role) {
                case "primary" -> config.backends().primary();
                case "secondary" -> config.backends().secondary();
                default -> config.backends().candidate();
            };
            if (b == null) {
                continue;
            }
            ObjectNode headers = ((ObjectNode) backends.get(role)).putObject("headers");
            b.headers().forEach((name, value) -> headers.put(name,
                    redactor.isSecretHeader(name) || SECRET_HEADER_NAME.matcher(name).matches() ? mask(value) : value));
        }
        return o;
    }
}
