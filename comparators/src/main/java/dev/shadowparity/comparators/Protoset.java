package dev.shadowparity.comparators;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.shadowparity.core.ParityException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gRPC methods a protobuf descriptor set declares ({@code protoc --include_imports --descriptor_set_out=F}), by
 * the path a call is made on ({@code /package.Service/Method}). Imports the set leaves out are taken from protobuf's
 * own well-known types (Timestamp, Duration, Struct, wrappers, ...); any other missing import is an error naming it.
 * Every problem is a {@link ParityException} naming the file.
 */
public final class Protoset {

    private static final List<Descriptors.FileDescriptor> WELL_KNOWN = List.of(
            com.google.protobuf.AnyProto.getDescriptor(), com.google.protobuf.ApiProto.getDescriptor(),
            com.google.protobuf.DescriptorProtos.getDescriptor(), com.google.protobuf.DurationProto.getDescriptor(),
            com.google.protobuf.EmptyProto.getDescriptor(), com.google.protobuf.FieldMaskProto.getDescriptor(),
            com.google.protobuf.SourceContextProto.getDescriptor(), com.google.protobuf.StructProto.getDescriptor(),
            com.google.protobuf.TimestampProto.getDescriptor(), com.google.protobuf.TypeProto.getDescriptor(),
            com.google.protobuf.WrappersProto.getDescriptor());

    private final Path file;
    private final Map<String, Descriptors.MethodDescriptor> methods;

    private Protoset(Path file, Map<String, Descriptors.MethodDescriptor> methods) {
        this.file = file;
        this.methods = Map.copyOf(methods);
    }

    /** Reads {@code file}; a {@link ParityException} names the file and what is wrong with it. */
    public static Protoset load(Path file) {
        FileDescriptorSet set;
        try {
            set = FileDescriptorSet.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new ParityException("protoset " + file + ": not a protobuf FileDescriptorSet (" + e.getMessage()
                    + "); write one with protoc --include_imports --descriptor_set_out=" + file.getFileName());
        } catch (IOException e) {
            throw new ParityException("protoset " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        Map<String, FileDescriptorProto> protos = new HashMap<>();
        for (FileDescriptorProto p : set.getFileList()) {
            protos.put(p.getName(), p);
        }
        Map<String, Descriptors.FileDescriptor> built = new HashMap<>();
        for (Descriptors.FileDescriptor wk : WELL_KNOWN) {
            built.put(wk.getName(), wk);
        }
        Map<String, Descriptors.MethodDescriptor> methods = new HashMap<>();
        for (FileDescriptorProto p : set.getFileList()) {
            Descriptors.FileDescriptor fd = build(file, p.getName(), protos, built);
            for (Descriptors.ServiceDescriptor service : fd.getServices()) {
                for (Descriptors.MethodDescriptor m : service.getMethods()) {
                    methods.put("/" + service.getFullName() + "/" + m.getName(), m);
                }
            }
        }
        if (set.getFileCount() == 0) {
            throw new ParityException("protoset " + file + ": holds no .proto files");
        }
        return new Protoset(file, methods);
    }

    private static Descriptors.FileDescriptor build(Path file, String name, Map<String, FileDescriptorProto> protos,
                                                    Map<String, Descriptors.FileDescriptor> built) {
        Descriptors.FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new ParityException("protoset " + file + ": imports " + name + ", which it does not hold;"
                    + " write it with protoc --include_imports");
        }
        Descriptors.FileDescriptor[] deps = new Descriptors.FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < deps.length; i++) {
            deps[i] = build(file, proto.getDependency(i), protos, built);
        }
        try {
            Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(proto, deps);
            built.put(name, fd);
            return fd;
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ParityException("protoset " + file + ": " + name + " is not valid (" + e.getMessage() + ")");
        }
    }

    /** The method a call on {@code path} ({@code /package.Service/Method}) is, if the set declares it. */
    public Optional<Descriptors.MethodDescriptor> method(String path) {
        return Optional.ofNullable(methods.get(path));
    }

    /** How many gRPC methods the set declares. */
    public int methodCount() {
        return methods.size();
    }

    public Path file() {
        return file;
    }
}
