package io.territoryscorecard.measurement.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Strict UTF-8 decoding, one character at a time: bytes that are not UTF-8 come out as {@link #MALFORMED} (their hex
 * in {@link #lastMalformed()}) instead of being silently replaced, so the reader can name the row they are in and
 * carry on with the rest of the file.
 */
final class Utf8Chars {

    static final int END = -1;
    static final int MALFORMED = -2;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024).flip();
    private boolean endOfInput;
    private boolean finished;
    private String pendingMalformed;
    private String lastMalformed;

    Utf8Chars(InputStream in) {
        this.in = in;
    }

    /** The next character, {@link #MALFORMED} for a run of bytes that are not UTF-8, or {@link #END}. */
    int next() throws IOException {
        while (true) {
            if (chars.hasRemaining()) {
                return chars.get();
            }
            if (pendingMalformed != null) {
                lastMalformed = pendingMalformed;
                pendingMalformed = null;
                return MALFORMED;
            }
            if (finished) {
                return END;
            }
            decodeMore();
        }
    }

    /** The bytes behind the last {@link #MALFORMED}, such as "0xFC". */
    String lastMalformed() {
        return lastMalformed;
    }

    private void decodeMore() throws IOException {
        chars.clear();
        try {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                byte[] bad = new byte[result.length()];
                bytes.get(bad);
                pendingMalformed = describe(bad);
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    decoder.flush(chars);
                    finished = true;
                } else {
                    readBytes();
                }
            }
        } finally {
            chars.flip();
        }
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private static String describe(byte[] bad) {
        StringBuilder text = new StringBuilder();
        for (byte b : bad) {
            text.append(text.isEmpty() ? "" : " ").append("0x").append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return text.toString();
    }
}
