package dev.shadowparity.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads a scalar written as text through a parser that throws {@link IllegalArgumentException} with a
 * human explanation; the explanation becomes a config error at the value's line and key.
 */
abstract class TextValueDeserializer<T> extends StdScalarDeserializer<T> {

    private static final long serialVersionUID = 1L;

    private final transient Function<String, T> parser;

    TextValueDeserializer(Class<T> type, Function<String, T> parser) {
        super(type);
        this.parser = parser;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw ctxt.weirdStringException(text, handledType(), e.getMessage());
        }
    }
}
