package dev.nixpolicy.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The content digest of a folder's DRL files: names and bytes, in name order. */
public final class RuleDigest {
    private RuleDigest() {}

    public static List<Path> drlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".drl") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
    }

    public static String of(Path dir) throws IOException {
        MessageDigest sha = sha256();
        for (Path file : drlFiles(dir)) {
            sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] content = Files.readAllBytes(file);
            sha.update(Integer.toString(content.length).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(content);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
