package dev.nixpolicy.facts;

import java.io.Reader;

/**
 * Text for SnakeYAML's reader that never ends a read between the two halves of a surrogate
 * pair: SnakeYAML 2.3 reads past its 1,024-character buffer when a read ends on a high
 * surrogate (an emoji at that offset gave an IndexOutOfBoundsException).
 */
final class WholeCharacterReader extends Reader {
    private final String text;
    private int at;

    WholeCharacterReader(String text) {
        this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (at >= text.length()) {
            return -1;
        }
        int count = Math.min(length, text.length() - at);
        if (count > 1 && Character.isHighSurrogate(text.charAt(at + count - 1))) {
            count--;
        }
        text.getChars(at, at + count, buffer, offset);
        at += count;
        return count;
    }

    @Override
    public void close() {}
}
