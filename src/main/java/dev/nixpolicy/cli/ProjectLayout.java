package dev.nixpolicy.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project folder that holds the shipped {@code rules/}, {@code templates/} and
 * default host file: the {@code nixpolicy.home} system property when set, else the nearest
 * folder above the running jar (or classes folder) that has {@code rules/} and
 * {@code templates/}. So {@code java -jar target/nixpolicy.jar} works from any directory.
 */
public record ProjectLayout(Path home) {
    public static final String HOME_PROPERTY = "nixpolicy.home";

    public static ProjectLayout locate() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new ProjectLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        Path start;
        try {
            start = Path.of(ProjectLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            start = Path.of("").toAbsolutePath();
        }
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("rules")) && Files.isDirectory(dir.resolve("templates"))) {
                return new ProjectLayout(dir);
            }
        }
        return new ProjectLayout(Path.of("").toAbsolutePath());
    }

    public Path rules() { return home.resolve("rules"); }

    public Path templates() { return home.resolve("templates"); }

    public Path defaultHost() { return home.resolve("facts").resolve("hosts").resolve("forge.yaml"); }
}
