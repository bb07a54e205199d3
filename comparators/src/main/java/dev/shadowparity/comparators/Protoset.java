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

    private final String source;
    private final Map<String, Descriptors.MethodDescriptor> methods;

    private Protoset(String source, Map<String, Descriptors.MethodDescriptor> methods) {
        this.source = source;
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
        return of(set, "protoset " + file, file.getFileName().toString());
    }

    /**
     * The methods of {@code set}; {@code where} names it in errors ("protoset scorer.pb", "the primary's reflection"),
     * {@code name} in the reasons of differences.
     */
    public static Protoset of(FileDescriptorSet set, String where, String name) {
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
            Descriptors.FileDescriptor fd = build(where, p.getName(), protos, built);
            for (Descriptors.ServiceDescriptor service : fd.getServices()) {
                for (Descriptors.MethodDescriptor m : service.getMethods()) {
                    methods.put("/" + service.getFullName() + "/" + m.getName(), m);
                }
            }
        }
        if (set.getFileCount() == 0) {
            throw new ParityException(where + ": holds no .proto files");
        }
        return new Protoset(name, methods);
    }

    private static Descriptors.FileDescriptor build(String where, String name, Map<String, FileDescriptorProto> protos,
                                                    Map<String, Descriptors.FileDescriptor> built) {
        Descriptors.FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new ParityException(where + ": imports " + name + ", which it does not hold;"
                    + " write it with protoc --include_imports");
        }
        Descriptors.FileDescriptor[] deps = new Descriptors.FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < deps.length; i++) {
            deps[i] = build(where, proto.getDependency(i), protos, built);
        }
        try {
            Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(proto, deps);
            built.put(name, fd);
            return fd;
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ParityException(where + ": " + name + " is not valid (" + e.getMessage() + ")");
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

    /** What the methods were read from, as the reasons of differences name it ({@code scorer.pb}). */
    public String source() {
        return source;
    }
}
