package dev.nixpolicy.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/** The content digest of a folder's DRL files: names and bytes, in name order. */
public final class RuleDigest {
    private RuleDigest() {}

    /**
     * The folder's {@code *.drl} files in name order. Plain loops rather than a stream: this
     * runs on every start, and a stream's first use costs a cold JVM tens of milliseconds.
     */
    public static List<Path> drlFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path file : entries) {
                if (file.getFileName().toString().endsWith(".drl") && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        Collections.sort(files);
        return files;
    }

    /** The digest of files already read, in name order (see {@link DrlFolder.Sources}). */
    static String of(Map<Path, byte[]> contents) {
        MessageDigest sha = sha256();
        for (Map.Entry<Path, byte[]> file : contents.entrySet()) {
            sha.update(file.getKey().getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] content = file.getValue();
            sha.update(Integer.toString(content.length).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(content);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /**
     * A quick content fingerprint of the same files (CRC32C over names, lengths and bytes):
     * enough to tell whether a folder still holds the rules the build compiled, without the
     * cost of starting the JDK's SHA-256 on every run. The record still carries the SHA-256.
     */
    public static String fingerprint(Path dir) throws IOException {
        CRC32C crc = new CRC32C();
        long bytes = 0;
        List<Path> files = drlFiles(dir);
        for (Path file : files) {
            byte[] name = file.getFileName().toString().getBytes(StandardCharsets.UTF_8);
            byte[] content = Files.readAllBytes(file);
            crc.update(name);
            crc.update(0);
            crc.update(Integer.toString(content.length).getBytes(StandardCharsets.ISO_8859_1));
            crc.update(0);
            crc.update(content);
            bytes += content.length;
        }
        return "crc32c:" + Long.toHexString(crc.getValue()) + ":" + files.size() + ":" + bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
