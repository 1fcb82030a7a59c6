package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.DeadLetterReason.INVALID_VALUE;
import static io.telltale.connectors.serde.DeadLetterReason.MALFORMED_JSON;
import static io.telltale.connectors.serde.DeadLetterReason.MISSING_FIELD;
import static io.telltale.connectors.serde.DeadLetterReason.OVERSIZED;
import static io.telltale.connectors.serde.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cursor over one JSON document that turns every problem into an {@link InvalidRecordException}
 * naming the field path. Field paths are only built when something is wrong, so the happy path
 * allocates nothing beyond the values themselves.
 *
 * <p>Usage: {@link #open}, {@link #beginObject}, then loop {@link #nextField} and read the value
 * with one of the typed readers (or {@link #skipValue}), finally {@link #finish}.
 */
final class WireReader implements AutoCloseable {
    /** Longest excerpt of an offending value quoted in a message. */
    private static final int MAX_QUOTED = 40;

    private final JsonParser parser;

    private WireReader(JsonParser parser) {
        this.parser = parser;
    }

    static WireReader open(byte[] payload, int maxPayloadBytes) throws InvalidRecordException {
        if (payload == null || payload.length == 0) {
            throw new InvalidRecordException(MALFORMED_JSON, "empty payload");
        }
        if (payload.length > maxPayloadBytes) {
            throw new InvalidRecordException(OVERSIZED,
                    "payload is " + payload.length + " bytes, limit " + maxPayloadBytes);
        }
        try {
            return new WireReader(WireJson.FACTORY.createParser(payload));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Moves onto the root value, which must be an object. */
    void beginRoot() throws InvalidRecordException {
        advance();
        beginObject("$");
    }

    /** Current token must be START_OBJECT; afterwards, call {@link #nextField} until it returns null. */
    void beginObject(String path) throws InvalidRecordException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw wrongType(path, "an object");
        }
    }

    /** Advances to the next field's value and returns its name, or null at the end of the object. */
    String nextField() throws InvalidRecordException {
        JsonToken t = advance();
        if (t == JsonToken.END_OBJECT) {
            return null;
        }
        String name;
        try {
            name = parser.currentName();
        } catch (IOException e) {
            throw malformed(e);
        }
        advance();
        return name;
    }

    /** After the root object: anything but end of input is trailing garbage. */
    void finish() throws InvalidRecordException {
        JsonToken t;
        try {
            t = parser.nextToken();
        } catch (IOException e) {
            throw new InvalidRecordException(MALFORMED_JSON, "trailing content after the JSON document: " + malformed(e).getMessage());
        }
        if (t != null) {
            throw new InvalidRecordException(MALFORMED_JSON,
                    "trailing content after the JSON document at " + location());
        }
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    void skipValue() throws InvalidRecordException {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    // ---- scalars --------------------------------------------------------------------------

    int intValue(String path) throws InvalidRecordException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            try {
                if (parser.getNumberType() == JsonParser.NumberType.INT) {
                    return parser.getIntValue();
                }
                throw new InvalidRecordException(INVALID_VALUE,
                        path + " = " + quoted() + " is outside the 32-bit integer range");
            } catch (IOException e) {
                throw malformed(e);
            }
        }
        throw notAnInteger(path, t);
    }

    long longValue(String path) throws InvalidRecordException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            try {
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return parser.getLongValue();
                }
                throw new InvalidRecordException(INVALID_VALUE,
                        path + " = " + quoted() + " is outside the 64-bit integer range");
            } catch (IOException e) {
                throw malformed(e);
            }
        }
        throw notAnInteger(path, t);
    }

    double doubleValue(String path) throws InvalidRecordException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                double d = parser.getDoubleValue();
                if (parser.isNaN() || !Double.isFinite(d)) {
                    throw new InvalidRecordException(INVALID_VALUE, path + " = " + quoted() + " is not a finite number");
                }
                return d;
            } catch (IOException e) {
                throw malformed(e);
            }
        }
        throw wrongType(path, "a number");
    }

    float floatValue(String path) throws InvalidRecordException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                float f = parser.getFloatValue();
                if (parser.isNaN() || !Float.isFinite(f)) {
                    throw new InvalidRecordException(INVALID_VALUE,
                            path + " = " + quoted() + " is not a finite 32-bit number");
                }
                return f;
            } catch (IOException e) {
                throw malformed(e);
            }
        }
        throw wrongType(path, "a number");
    }

    boolean booleanValue(String path) throws InvalidRecordException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw wrongType(path, "true or false");
    }

    /** A string or null. */
    String stringOrNull(String path, int maxLength) throws InvalidRecordException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(path, "a string");
        }
        try {
            int length = parser.getTextLength();
            if (length > maxLength) {
                throw new InvalidRecordException(OVERSIZED,
                        path + " is " + length + " characters, limit " + maxLength);
            }
            return parser.getText();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** A non-null string (null is reported as a missing field). */
    String string(String path, int maxLength) throws InvalidRecordException {
        String s = stringOrNull(path, maxLength);
        if (s == null) {
            throw missing(path);
        }
        return s;
    }

    // ---- arrays ---------------------------------------------------------------------------

    /** An array of 32-bit integers, at most {@code maxLength} long; null if the JSON value is null. */
    int[] intArrayOrNull(String path, int maxLength) throws InvalidRecordException {
        if (isNull()) {
            return null;
        }
        beginArray(path);
        int[] values = new int[Math.min(maxLength, 64)];
        int n = 0;
        while (advance() != JsonToken.END_ARRAY) {
            if (n == maxLength) {
                throw tooLong(path, maxLength);
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(maxLength, 2L * n));
            }
            values[n] = intValueAt(path, n);
            n++;
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** An array of finite 32-bit floats, at most {@code maxLength} long; null if the JSON value is null. */
    float[] floatArrayOrNull(String path, int maxLength) throws InvalidRecordException {
        if (isNull()) {
            return null;
        }
        beginArray(path);
        float[] values = new float[Math.min(maxLength, 64)];
        int n = 0;
        while (advance() != JsonToken.END_ARRAY) {
            if (n == maxLength) {
                throw tooLong(path, maxLength);
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(maxLength, 2L * n));
            }
            values[n] = floatValueAt(path, n);
            n++;
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** An array of strings (no nulls), at most {@code maxLength} long; null if the JSON value is null. */
    List<String> stringListOrNull(String path, int maxLength, int maxStringLength) throws InvalidRecordException {
        if (isNull()) {
            return null;
        }
        beginArray(path);
        List<String> values = new ArrayList<>();
        while (advance() != JsonToken.END_ARRAY) {
            if (values.size() == maxLength) {
                throw tooLong(path, maxLength);
            }
            values.add(string(path + "[" + values.size() + "]", maxStringLength));
        }
        return values;
    }

    /** Current token must be START_ARRAY; afterwards read elements until END_ARRAY. */
    void beginArray(String path) throws InvalidRecordException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw wrongType(path, "an array");
        }
    }

    /** Moves to the next token; use after {@link #beginArray} to step through elements. */
    JsonToken advance() throws InvalidRecordException {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw new InvalidRecordException(MALFORMED_JSON, "unexpected end of input at " + location());
            }
            return t;
        } catch (StreamConstraintsException e) {
            throw new InvalidRecordException(OVERSIZED, e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private int intValueAt(String arrayPath, int index) throws InvalidRecordException {
        // Inline fast path: the common case is a small integer.
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            try {
                if (parser.getNumberType() == JsonParser.NumberType.INT) {
                    return parser.getIntValue();
                }
            } catch (IOException e) {
                throw malformed(e);
            }
        }
        return intValue(arrayPath + "[" + index + "]");
    }

    private float floatValueAt(String arrayPath, int index) throws InvalidRecordException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                float f = parser.getFloatValue();
                if (!parser.isNaN() && Float.isFinite(f)) {
                    return f;
                }
            } catch (IOException e) {
                throw malformed(e);
            }
        }
        return floatValue(arrayPath + "[" + index + "]");
    }

    // ---- errors ---------------------------------------------------------------------------

    static InvalidRecordException missing(String path) {
        return new InvalidRecordException(MISSING_FIELD, path + " is required");
    }

    private InvalidRecordException notAnInteger(String path, JsonToken t) {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                if (parser.isNaN()) {
                    return new InvalidRecordException(INVALID_VALUE, path + " = " + quoted() + " is not a finite number");
                }
            } catch (IOException e) {
                return malformed(e);
            }
            return new InvalidRecordException(WRONG_TYPE, path + " = " + quoted() + " must be an integer");
        }
        return wrongType(path, "an integer");
    }

    InvalidRecordException wrongType(String path, String expected) {
        return new InvalidRecordException(WRONG_TYPE, path + " must be " + expected + ", got " + describeCurrent());
    }

    private static InvalidRecordException tooLong(String path, int maxLength) {
        return new InvalidRecordException(OVERSIZED, path + " has more than " + maxLength + " entries, limit " + maxLength);
    }

    private static InvalidRecordException malformed(IOException e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                ? jpe.getOriginalMessage() + location(jpe)
                : e.getMessage();
        DeadLetterReason reason = e instanceof StreamConstraintsException ? OVERSIZED : MALFORMED_JSON;
        return new InvalidRecordException(reason, message);
    }

    private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private String location() {
        var loc = parser.currentLocation();
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private String describeCurrent() {
        JsonToken t = parser.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "string " + quoted();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + quoted();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** The current value's text, shortened; strings in double quotes. */
    private String quoted() {
        String text;
        try {
            text = parser.getText();
        } catch (IOException e) {
            text = "?";
        }
        if (text == null) {
            text = "?";
        }
        if (text.length() > MAX_QUOTED) {
            text = text.substring(0, MAX_QUOTED) + "...";
        }
        return parser.currentToken() == JsonToken.VALUE_STRING ? '"' + text + '"' : text;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // Reading from a byte array: nothing to release.
        }
    }
}
