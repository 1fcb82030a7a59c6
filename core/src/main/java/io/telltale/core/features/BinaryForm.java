package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Variable-length integers for the accumulator's binary form: small counts take one byte. */
final class BinaryForm {
    private BinaryForm() {}

    static void writeVarLong(DataOutput out, long value) throws IOException {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.writeByte((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.writeByte((int) zigzag);
    }

    static long readVarLong(DataInput in) throws IOException {
        long zigzag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            zigzag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new IOException("malformed variable-length integer");
    }

    static void writeVarInt(DataOutput out, int value) throws IOException {
        writeVarLong(out, value);
    }

    static int readVarInt(DataInput in) throws IOException {
        long value = readVarLong(in);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IOException("integer out of range: " + value);
        }
        return (int) value;
    }
}
