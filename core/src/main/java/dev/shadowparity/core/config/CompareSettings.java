package dev.shadowparity.core.config;

/**
 * How bodies are read before they are compared. A compressed body ({@code Content-Encoding} gzip, deflate, br, zstd)
 * is decoded first; {@code maxDecodedBody} bounds what one may decode to (by default the proxy's
 * {@code captureLimit}), so a decompression bomb is not compared, with its reason, instead of filling the memory.
 */
public record CompareSettings(ByteSize maxDecodedBody) {

    public static final CompareSettings DEFAULT = new CompareSettings(null);

    public CompareSettings {
        if (maxDecodedBody != null && maxDecodedBody.bytes() < 1) {
            throw new IllegalArgumentException("maxDecodedBody must be at least 1 byte, got " + maxDecodedBody);
        }
    }
}
