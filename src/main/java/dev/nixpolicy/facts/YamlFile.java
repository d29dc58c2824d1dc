package dev.nixpolicy.facts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a YAML file nixpolicy is given (facts, host, expected decisions) as UTF-8 text, at most
 * {@link YamlLimits#MAX_BYTES} of it: a larger file is refused before a byte of it is parsed,
 * and not even read past the limit (it may be a device or a pipe that never ends).
 */
public final class YamlFile {
    private YamlFile() {}

    public static String read(Path file) throws BadInputException {
        byte[] bytes;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > YamlLimits.MAX_BYTES) {
                throw tooLarge(file, Files.size(file));
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(YamlLimits.MAX_BYTES + 1);
            }
        } catch (IOException e) {
            throw new BadInputException(file, 1, 1, "cannot read: " + describe(e));
        }
        if (bytes.length > YamlLimits.MAX_BYTES) {
            throw tooLarge(file, -1);
        }
        return decode(file, bytes);
    }

    private static BadInputException tooLarge(Path file, long size) {
        return new BadInputException(file, 1, 1, "file is " + (size < 0 ? "more than " + YamlLimits.MAX_BYTES : size)
                + " bytes, limit " + YamlLimits.MAX_BYTES);
    }

    /** The text of {@code bytes}, or where the first byte that is not UTF-8 stands. */
    private static String decode(Path file, byte[] bytes) throws BadInputException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String before = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8);
            throw new BadInputException(file, line, before.codePointCount(0, before.length()) + 1,
                    "not UTF-8 text (byte " + (bad + 1) + ", 0x" + String.format(java.util.Locale.ROOT, "%02X", bytes[bad] & 0xff) + ")");
        }
        return out.flip().toString();
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
