package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A protobuf message as a Jackson tree, so every JSON rule (ignore, tolerance, vectors, topK, arrays by key, noise)
 * applies to gRPC answers as it does to JSON ones. Field names are the .proto names; every field is present, its
 * default when unset (proto3 cannot tell unset from default on the wire, so neither may a comparison); numbers stay
 * numbers (64-bit ones too, unlike proto3's JSON strings, so a tolerance applies to them); enums are their names;
 * bytes base64; Timestamp and Duration as proto3's JSON strings, wrappers as their value, Struct as JSON. Fields the
 * descriptor does not know (a newer schema on one side) appear as {@code "#<number>"}, so they differ rather than
 * vanish.
 */
final class ProtoJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ProtoJson() {}

    static JsonNode of(Message m) {
        Descriptor d = m.getDescriptorForType();
        JsonNode wellKnown = wellKnown(m, d);
        if (wellKnown != null) {
            return wellKnown;
        }
        ObjectNode out = F.objectNode();
        for (FieldDescriptor f : d.getFields()) {
            if (f.hasPresence() && !m.hasField(f)) {
                continue; // a message field, an optional or a oneof member that is not set
            }
            out.set(f.getName(), field(m, f));
        }
        UnknownFieldSet unknown = m.getUnknownFields();
        for (Map.Entry<Integer, UnknownFieldSet.Field> e : unknown.asMap().entrySet()) {
            UnknownFieldSet.Field u = e.getValue();
            ArrayNode values = F.arrayNode();
            u.getVarintList().forEach(v -> values.add(v));
            u.getFixed32List().forEach(v -> values.add(v));
            u.getFixed64List().forEach(v -> values.add(v));
            u.getLengthDelimitedList().forEach(b -> values.add(Base64.getEncoder().encodeToString(b.toByteArray())));
            out.set("#" + e.getKey(), values);
        }
        return out;
    }

    private static JsonNode field(Message m, FieldDescriptor f) {
        if (f.isMapField()) {
            ObjectNode map = F.objectNode();
            for (Object entry : (List<?>) m.getField(f)) {
                Message kv = (Message) entry;
                Descriptor ed = kv.getDescriptorForType();
                map.set(String.valueOf(kv.getField(ed.findFieldByName("key"))),
                        value(ed.findFieldByName("value"), kv.getField(ed.findFieldByName("value"))));
            }
            return map;
        }
        if (f.isRepeated()) {
            ArrayNode list = F.arrayNode();
            for (Object v : (List<?>) m.getField(f)) {
                list.add(value(f, v));
            }
            return list;
        }
        return value(f, m.getField(f));
    }

    private static JsonNode value(FieldDescriptor f, Object v) {
        return switch (f.getJavaType()) {
            case INT -> f.getType() == FieldDescriptor.Type.UINT32 || f.getType() == FieldDescriptor.Type.FIXED32
                    ? F.numberNode(Integer.toUnsignedLong((Integer) v)) : F.numberNode((Integer) v);
            case LONG -> f.getType() == FieldDescriptor.Type.UINT64 || f.getType() == FieldDescriptor.Type.FIXED64
                    ? F.numberNode(new BigInteger(Long.toUnsignedString((Long) v))) : F.numberNode((Long) v);
            case FLOAT -> F.numberNode((Float) v);
            case DOUBLE -> F.numberNode((Double) v);
            case BOOLEAN -> F.booleanNode((Boolean) v);
            case STRING -> F.textNode((String) v);
            case BYTE_STRING -> F.textNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
            case ENUM -> {
                EnumValueDescriptor e = (EnumValueDescriptor) v;
                yield e.getIndex() < 0 ? F.numberNode(e.getNumber()) : F.textNode(e.getName());
            }
            case MESSAGE -> of((Message) v);
        };
    }

    /** The well-known types proto3's JSON mapping writes as plain values; {@code null} for any other message. */
    private static JsonNode wellKnown(Message m, Descriptor d) {
        String name = d.getFullName();
        if (!name.startsWith("google.protobuf.")) {
            return null;
        }
        return switch (name) {
            case "google.protobuf.Timestamp" -> F.textNode(Instant.ofEpochSecond(longField(m, "seconds"), intField(m, "nanos")).toString());
            case "google.protobuf.Duration" -> F.textNode(java.math.BigDecimal.valueOf(longField(m, "seconds"))
                    .add(java.math.BigDecimal.valueOf(intField(m, "nanos"), 9)).stripTrailingZeros().toPlainString() + "s");
            case "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
                 "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
                 "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue" -> {
                FieldDescriptor f = d.findFieldByName("value");
                yield value(f, m.getField(f));
            }
            case "google.protobuf.Struct" -> {
                ObjectNode out = F.objectNode();
                FieldDescriptor fields = d.findFieldByName("fields");
                for (Object entry : (List<?>) m.getField(fields)) {
                    Message kv = (Message) entry;
                    Descriptor ed = kv.getDescriptorForType();
                    out.set((String) kv.getField(ed.findFieldByName("key")), of((Message) kv.getField(ed.findFieldByName("value"))));
                }
                yield out;
            }
            case "google.protobuf.ListValue" -> {
                ArrayNode out = F.arrayNode();
                for (Object v : (List<?>) m.getField(d.findFieldByName("values"))) {
                    out.add(of((Message) v));
                }
                yield out;
            }
            case "google.protobuf.Value" -> {
                FieldDescriptor set = null;
                for (FieldDescriptor f : d.getFields()) {
                    if (m.hasField(f)) {
                        set = f;
                    }
                }
                if (set == null || set.getName().equals("null_value")) {
                    yield F.nullNode();
                }
                yield set.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? of((Message) m.getField(set)) : value(set, m.getField(set));
            }
            default -> null;
        };
    }

    private static long longField(Message m, String name) {
        return (Long) m.getField(m.getDescriptorForType().findFieldByName(name));
    }

    private static int intField(Message m, String name) {
        return (Integer) m.getField(m.getDescriptorForType().findFieldByName(name));
    }
}
