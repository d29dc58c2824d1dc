package dev.nixpolicy.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress counter on stderr for long batches, shown only when stderr is a
 * terminal (never in logs, pipes or CI) and only for batches worth it.
 */
public final class ProgressLine {
    private static final int WORTH_SHOWING = 50;

    private final int total;
    private final boolean shown;
    private int done;

    private ProgressLine(int total, boolean shown) {
        this.total = total;
        this.shown = shown;
    }

    public static ProgressLine onStderr(int total) {
        return new ProgressLine(total, total >= WORTH_SHOWING && stderrIsTerminal());
    }

    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return false;
        }
    }

    /** Counts one more item done; batch workers call it from several threads. */
    public synchronized void advance(String verb) {
        done++;
        if (shown && (done % 25 == 0 || done == total)) {
            System.err.print("\r" + verb + " " + done + "/" + total);
            System.err.flush();
        }
    }

    public synchronized void done() {
        if (shown) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
    }
}
