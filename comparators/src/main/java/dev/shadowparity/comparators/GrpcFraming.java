package dev.shadowparity.comparators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** gRPC's length-prefixed messages (a flag byte, a 4-byte big-endian length, the message) in a body, both ways. */
final class GrpcFraming {

    /** One message as it was framed; {@code compressed} by the call's {@code grpc-encoding} when set. */
    record Frame(boolean compressed, byte[] message) {}

    private GrpcFraming() {}

    /** {@code messages}, each uncompressed, as one body. */
    static byte[] frame(List<byte[]> messages) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            body.write(0);
            body.write(m.length >>> 24);
            body.write(m.length >>> 16);
            body.write(m.length >>> 8);
            body.write(m.length);
            body.writeBytes(m);
        }
        return body.toByteArray();
    }

    /** The messages of {@code body}; an {@link IOException} says where the framing breaks. */
    static List<Frame> split(byte[] body) throws IOException {
        List<Frame> out = new ArrayList<>();
        int at = 0;
        while (at < body.length) {
            if (body.length - at < 5) {
                throw new IOException("a message prefix is cut short at byte " + at);
            }
            int flag = body[at] & 0xff;
            long length = ((body[at + 1] & 0xffL) << 24) | ((body[at + 2] & 0xff) << 16) | ((body[at + 3] & 0xff) << 8)
                    | (body[at + 4] & 0xff);
            if (flag > 1) {
                throw new IOException("byte " + at + " is no message flag (" + flag + ")");
            }
            if (length > body.length - at - 5) {
                throw new IOException("message " + (out.size() + 1) + " says " + length + " bytes, " + (body.length - at - 5)
                        + " follow");
            }
            out.add(new Frame(flag == 1, Arrays.copyOfRange(body, at + 5, at + 5 + (int) length)));
            at += 5 + (int) length;
        }
        return out;
    }
}
