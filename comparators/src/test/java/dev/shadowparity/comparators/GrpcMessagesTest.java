package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.RecordedResponse;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gRPC bodies read by a descriptor set: framing, compression, the JSON each protobuf type becomes, bad sets. */
class GrpcMessagesTest {

    @TempDir
    Path dir;
    private Descriptors.Descriptor item;
    private Protoset protoset;

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL);
    }

    @BeforeEach
    void descriptors() throws Exception {
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("shop/v1/items.proto").setPackage("shop.v1")
                .setSyntax("proto3").addDependency("google/protobuf/timestamp.proto")
                .addEnumType(EnumDescriptorProto.newBuilder().setName("Kind")
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("KIND_UNSPECIFIED").setNumber(0))
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("CHAIR").setNumber(1)))
                .addMessageType(DescriptorProto.newBuilder().setName("Item")
                        .addField(field("id", 1, Type.TYPE_UINT64))
                        .addField(field("kind", 2, Type.TYPE_ENUM).setTypeName(".shop.v1.Kind"))
                        .addField(field("price", 3, Type.TYPE_DOUBLE))
                        .addField(field("tags", 4, Type.TYPE_STRING).setLabel(Label.LABEL_REPEATED))
                        .addField(field("created", 5, Type.TYPE_MESSAGE).setTypeName(".google.protobuf.Timestamp"))
                        .addField(field("photo", 6, Type.TYPE_BYTES))
                        .addField(field("stock", 7, Type.TYPE_MESSAGE).setTypeName(".shop.v1.Item.StockEntry")
                                .setLabel(Label.LABEL_REPEATED))
                        .addNestedType(DescriptorProto.newBuilder().setName("StockEntry")
                                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                                .addField(field("key", 1, Type.TYPE_STRING))
                                .addField(field("value", 2, Type.TYPE_INT32))))
                .addMessageType(DescriptorProto.newBuilder().setName("Get").addField(field("id", 1, Type.TYPE_UINT64)))
                .addService(ServiceDescriptorProto.newBuilder().setName("Items")
                        .addMethod(MethodDescriptorProto.newBuilder().setName("GetItem").setInputType(".shop.v1.Get").setOutputType(".shop.v1.Item"))
                        .addMethod(MethodDescriptorProto.newBuilder().setName("List").setInputType(".shop.v1.Get").setOutputType(".shop.v1.Item")
                                .setServerStreaming(true)))
                .build();
        // the set leaves out timestamp.proto: protobuf's own copy is used
        Path pb = dir.resolve("items.pb");
        Files.write(pb, FileDescriptorSet.newBuilder().addFile(file).build().toByteArray());
        protoset = Protoset.load(pb);
        item = protoset.method("/shop.v1.Items/GetItem").orElseThrow().getOutputType();
    }

    private DynamicMessage chair() {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(item)
                .setField(item.findFieldByName("id"), -1L) // uint64 max
                .setField(item.findFieldByName("kind"), item.getFile().findEnumTypeByName("Kind").findValueByName("CHAIR"))
                .setField(item.findFieldByName("price"), 19.5)
                .addRepeatedField(item.findFieldByName("tags"), "oak")
                .setField(item.findFieldByName("created"), Timestamp.newBuilder().setSeconds(1_764_633_600L).setNanos(5_000_000).build())
                .setField(item.findFieldByName("photo"), com.google.protobuf.ByteString.copyFromUtf8("jpg"));
        Descriptors.Descriptor entry = item.findFieldByName("stock").getMessageType();
        b.addRepeatedField(item.findFieldByName("stock"), DynamicMessage.newBuilder(entry)
                .setField(entry.findFieldByName("key"), "berlin").setField(entry.findFieldByName("value"), 3).build());
        b.setUnknownFields(UnknownFieldSet.newBuilder().addField(9, UnknownFieldSet.Field.newBuilder().addVarint(42).build()).build());
        return b.build();
    }

    private static byte[] frame(byte[] message, boolean compressed) {
        byte[] out = new byte[5 + message.length];
        out[0] = (byte) (compressed ? 1 : 0);
        out[1] = (byte) (message.length >>> 24);
        out[2] = (byte) (message.length >>> 16);
        out[3] = (byte) (message.length >>> 8);
        out[4] = (byte) message.length;
        System.arraycopy(message, 0, out, 5, message.length);
        return out;
    }

    private ContentDecoding.Decoded decode(byte[] body, String path, String... headers) {
        Headers.Builder h = Headers.builder().add("Content-Type", "application/grpc");
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        RecordedResponse r = new RecordedResponse(200, h.add("grpc-status", "0").build(), body);
        return new GrpcMessages(protoset, 1 << 20).decode(new ContentDecoding.Decoded(r, null, null, false), path);
    }

    @Test
    void aUnaryAnswerBecomesOneObjectWithEveryProtobufTypeAsJson() throws Exception {
        ContentDecoding.Decoded d = decode(frame(chair().toByteArray(), false), "/shop.v1.Items/GetItem");
        assertThat(d.problem()).isNull();
        assertThat(d.response().contentType()).isEqualTo("application/json");
        assertThat(d.response().headers().first(GrpcMessages.DECODED_HEADER)).contains("shop.v1.Item");
        JsonNode json = new ObjectMapper().readTree(d.response().body());
        assertThat(json.get("id").bigIntegerValue()).hasToString("18446744073709551615");
        assertThat(json.get("kind").asText()).isEqualTo("CHAIR");
        assertThat(json.get("price").asDouble()).isEqualTo(19.5);
        assertThat(json.get("tags").get(0).asText()).isEqualTo("oak");
        assertThat(json.get("created").asText()).isEqualTo("2025-12-02T00:00:00.005Z");
        assertThat(json.get("photo").asText()).isEqualTo("anBn");
        assertThat(json.get("stock").get("berlin").asInt()).isEqualTo(3);
        assertThat(json.get("#9").get(0).asInt()).as("a field this descriptor does not know").isEqualTo(42);
        DynamicMessage empty = DynamicMessage.newBuilder(item).build();
        JsonNode defaults = new ObjectMapper().readTree(decode(frame(empty.toByteArray(), false), "/shop.v1.Items/GetItem")
                .response().body());
        assertThat(defaults.get("price").asDouble()).as("unset is the default, as on the wire").isZero();
        assertThat(defaults.has("created")).as("an unset message field is absent").isFalse();
    }

    @Test
    void aStreamsMessagesBecomeAnArrayAndGzipMessagesAreInflated() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(chair().toByteArray());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(frame(chair().toByteArray(), false));
        body.write(frame(zipped.toByteArray(), true));
        ContentDecoding.Decoded d = decode(body.toByteArray(), "/shop.v1.Items/List", "grpc-encoding", "gzip");
        JsonNode json = new ObjectMapper().readTree(d.response().body());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        assertThat(json.get(1).get("kind").asText()).isEqualTo("CHAIR");
    }

    @Test
    void whatCannotBeDecodedSaysWhy() {
        assertThat(decode(frame(chair().toByteArray(), false), "/shop.v1.Items/Nope").note())
                .isEqualTo("gRPC messages not decoded: items.pb declares no method /shop.v1.Items/Nope");
        assertThat(decode(new byte[] {0, 0, 0, 0, 9, 1}, "/shop.v1.Items/GetItem").problem())
                .isEqualTo("not gRPC messages: message 1 says 9 bytes, 1 follow");
        assertThat(decode(frame(new byte[] {(byte) 0xff, (byte) 0xff}, false), "/shop.v1.Items/GetItem").problem())
                .startsWith("message 1 does not decode as shop.v1.Item");
        assertThat(decode(frame(new byte[] {1}, true), "/shop.v1.Items/GetItem").problem())
                .contains("is compressed, and no grpc-encoding says how");
        RecordedResponse r = new RecordedResponse(200, Headers.of("Content-Type", "application/grpc"), frame(new byte[0], false));
        assertThat(new GrpcMessages(null, 100).decode(new ContentDecoding.Decoded(r, null, null, false), "/x/y").note())
                .isEqualTo("gRPC messages not decoded: the suite names no protoset");
    }

    @Test
    void aBadDescriptorSetIsAnErrorNamingTheFileAndTheProblem() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pb"), "not protobuf at all");
        assertThatThrownBy(() -> Protoset.load(junk)).isInstanceOf(ParityException.class)
                .hasMessageContaining("junk.pb: not a protobuf FileDescriptorSet");
        Path partial = dir.resolve("partial.pb");
        Files.write(partial, FileDescriptorSet.newBuilder().addFile(FileDescriptorProto.newBuilder().setName("a.proto")
                .addDependency("shared/money.proto")).build().toByteArray());
        assertThatThrownBy(() -> Protoset.load(partial)).isInstanceOf(ParityException.class)
                .hasMessageContaining("imports shared/money.proto, which it does not hold").hasMessageContaining("--include_imports");
        assertThatThrownBy(() -> Protoset.load(dir.resolve("missing.pb"))).hasMessageContaining("missing.pb: cannot be read");
    }
}
