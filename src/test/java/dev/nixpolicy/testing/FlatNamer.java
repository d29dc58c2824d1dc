package dev.nixpolicy.testing;

import java.io.File;
import java.nio.file.Path;
import org.approvaltests.namer.ApprovalNamer;

/**
 * Names approval files {@code approvals/<example>/<name>.<ext>} (received:
 * {@code <name>.received.<ext>}), so a pull request shows real .json, .md and .nix diffs.
 */
public final class FlatNamer implements ApprovalNamer {
    private final Path dir;
    private final String name;

    public FlatNamer(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    @Override
    public File getApprovedFile(String extensionWithDot) {
        return dir.resolve(name + extensionWithDot).toFile();
    }

    @Override
    public File getReceivedFile(String extensionWithDot) {
        return dir.resolve(name + ".received" + extensionWithDot).toFile();
    }

    @Override
    public String getApprovalName() {
        return name;
    }

    @Override
    public String getSourceFilePath() {
        return dir.toString() + File.separator;
    }

    @Override
    public ApprovalNamer addAdditionalInformation(String info) {
        return this;
    }

    @Override
    public String getAdditionalInformation() {
        return "";
    }
}
