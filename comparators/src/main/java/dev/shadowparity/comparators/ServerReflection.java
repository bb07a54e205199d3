package dev.shadowparity.comparators;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.shadowparity.core.ParityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Protoset} from a backend's gRPC server reflection ({@code grpc.reflection.v1}, else {@code v1alpha}, as
 * grpc-java, grpc-go and most servers offer it), for a suite that has no descriptor set: the services it lists, and
 * for each the files that declare it and their imports. The network call is the caller's ({@link Call}); this class
 * speaks the reflection protocol's messages.
 */
public final class ServerReflection {

    /** One reflection call: {@code body} (length-prefixed requests) sent to {@code path}; the answer's body back. */
    @FunctionalInterface
    public interface Call {
        /** @throws ParityException when the backend could not be reached or answered with another grpc-status */
        byte[] send(String path, byte[] body);
    }

    private static final List<String> VERSIONS = List.of("grpc.reflection.v1", "grpc.reflection.v1alpha");
    private static final Descriptors.Descriptor REQUEST;
    private static final Descriptors.Descriptor RESPONSE;

    static {
        // The reflection protocol's messages, as far as they are needed here, declared in code (no protoc): proto2, so
        // an empty list_services string is still sent (it is a oneof member, which has presence).
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("parity/reflection.proto").setPackage("parity")
                .setSyntax("proto2")
                .addMessageType(DescriptorProto.newBuilder().setName("Request")
                        .addField(field("host", 1, FieldDescriptorProto.Type.TYPE_STRING, false, null))
                        .addField(field("file_containing_symbol", 4, FieldDescriptorProto.Type.TYPE_STRING, false, null))
                        .addField(field("list_services", 7, FieldDescriptorProto.Type.TYPE_STRING, false, null)))
                .addMessageType(DescriptorProto.newBuilder().setName("Response")
                        .addField(field("file_descriptor_response", 4, FieldDescriptorProto.Type.TYPE_MESSAGE, false, ".parity.Files"))
                        .addField(field("list_services_response", 6, FieldDescriptorProto.Type.TYPE_MESSAGE, false, ".parity.Services"))
                        .addField(field("error_response", 7, FieldDescriptorProto.Type.TYPE_MESSAGE, false, ".parity.Error")))
                .addMessageType(DescriptorProto.newBuilder().setName("Files")
                        .addField(field("file_descriptor_proto", 1, FieldDescriptorProto.Type.TYPE_BYTES, true, null)))
                .addMessageType(DescriptorProto.newBuilder().setName("Services")
                        .addField(field("service", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".parity.Service")))
                .addMessageType(DescriptorProto.newBuilder().setName("Service")
                        .addField(field("name", 1, FieldDescriptorProto.Type.TYPE_STRING, false, null)))
                .addMessageType(DescriptorProto.newBuilder().setName("Error")
                        .addField(field("error_code", 1, FieldDescriptorProto.Type.TYPE_INT32, false, null))
                        .addField(field("error_message", 2, FieldDescriptorProto.Type.TYPE_STRING, false, null)))
                .build();
        try {
            Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
            REQUEST = fd.findMessageTypeByName("Request");
            RESPONSE = fd.findMessageTypeByName("Response");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ServerReflection() {}

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, boolean repeated,
                                              String typeName) {
        FieldDescriptorProto.Builder b = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
        return (typeName == null ? b : b.setTypeName(typeName)).build();
    }

    /** Asks by {@code call} which services there are and what declares them; {@code who} names the backend in errors. */
    public static Protoset fetch(String who, Call call) {
        ParityException last = null;
        for (String version : VERSIONS) {
            String path = "/" + version + ".ServerReflection/ServerReflectionInfo";
            try {
                List<String> services = new ArrayList<>();
                for (DynamicMessage r : ask(call, path, List.of(request("list_services", "")))) {
                    DynamicMessage list = (DynamicMessage) r.getField(RESPONSE.findFieldByName("list_services_response"));
                    for (Object s : (List<?>) list.getField(list.getDescriptorForType().findFieldByName("service"))) {
                        DynamicMessage service = (DynamicMessage) s;
                        services.add((String) service.getField(service.getDescriptorForType().findFieldByName("name")));
                    }
                }
                services.removeIf(s -> s.startsWith("grpc.reflection."));
                if (services.isEmpty()) {
                    throw new ParityException(who + " lists no gRPC services by reflection");
                }
                List<DynamicMessage> asks = services.stream().map(s -> request("file_containing_symbol", s)).toList();
                Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
                for (DynamicMessage r : ask(call, path, asks)) {
                    DynamicMessage fileResponse = (DynamicMessage) r.getField(RESPONSE.findFieldByName("file_descriptor_response"));
                    for (Object bytes : (List<?>) fileResponse.getField(fileResponse.getDescriptorForType()
                            .findFieldByName("file_descriptor_proto"))) {
                        FileDescriptorProto f = FileDescriptorProto.parseFrom((ByteString) bytes);
                        files.putIfAbsent(f.getName(), f);
                    }
                }
                return Protoset.of(FileDescriptorSet.newBuilder().addAllFile(files.values()).build(),
                        who + "'s server reflection", who + "'s server reflection");
            } catch (ParityException e) {
                last = e;
            } catch (InvalidProtocolBufferException e) {
                last = new ParityException(who + "'s server reflection sent a descriptor that does not parse: " + e.getMessage());
            }
        }
        throw last;
    }

    private static DynamicMessage request(String field, String value) {
        return DynamicMessage.newBuilder(REQUEST).setField(REQUEST.findFieldByName(field), value).build();
    }

    /** Sends {@code requests} in one call and reads a response for each; an error response is an error. */
    private static List<DynamicMessage> ask(Call call, String path, List<DynamicMessage> requests) {
        byte[] answer = call.send(path, GrpcFraming.frame(requests.stream().map(DynamicMessage::toByteArray).toList()));
        List<GrpcFraming.Frame> frames;
        try {
            frames = GrpcFraming.split(answer);
        } catch (java.io.IOException e) {
            throw new ParityException("the reflection answer on " + path + " is not gRPC framing: " + e.getMessage());
        }
        List<DynamicMessage> out = new ArrayList<>();
        for (GrpcFraming.Frame frame : frames) {
            try {
                DynamicMessage r = DynamicMessage.parseFrom(RESPONSE, frame.message());
                if (r.hasField(RESPONSE.findFieldByName("error_response"))) {
                    DynamicMessage e = (DynamicMessage) r.getField(RESPONSE.findFieldByName("error_response"));
                    throw new ParityException("server reflection on " + path + " refused: "
                            + e.getField(e.getDescriptorForType().findFieldByName("error_message")));
                }
                out.add(r);
            } catch (InvalidProtocolBufferException e) {
                throw new ParityException("the reflection answer on " + path + " does not parse: " + e.getMessage());
            }
        }
        return out;
    }
}
