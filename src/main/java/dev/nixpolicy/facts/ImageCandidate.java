package dev.nixpolicy.facts;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.definition.type.ClassReactive;

/**
 * A candidate container image from {@code packaging.containerImages}, split into its parts
 * so that rules can test registry, tag and digest. A reference without a registry host is
 * a Docker Hub reference, as in the container tools themselves.
 */
@ClassReactive
public final class ImageCandidate implements Evidence {
    private static final Pattern REFERENCE = Pattern.compile(
            "^(?:(?<registry>[a-zA-Z0-9.-]+(?::[0-9]+)?)/)?(?<repository>[a-z0-9]+(?:[._/-][a-z0-9]+)*)"
                    + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[0-9a-f]{64}))?$");

    private final String reference;
    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;
    private final int position;

    private ImageCandidate(String reference, String registry, String repository, String tag, String digest, int position) {
        this.reference = reference;
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
        this.position = position;
    }

    /** Parses a reference; throws {@link IllegalArgumentException} naming what is wrong. */
    public static ImageCandidate parse(String reference) {
        return parse(reference, 0);
    }

    /** Parses the reference listed at {@code position} of the candidates (0 = listed first). */
    public static ImageCandidate parse(String reference, int position) {
        Matcher m = REFERENCE.matcher(Objects.requireNonNull(reference));
        if (!m.matches()) {
            throw new IllegalArgumentException(Quote.of(reference) + " is not a container image reference"
                    + " (registry/repository[:tag][@sha256:<64 hex digits>])");
        }
        String registry = m.group("registry");
        String repository = m.group("repository");
        if (registry == null || !(registry.contains(".") || registry.contains(":") || registry.equals("localhost"))) {
            // Like docker: a first component that is no host name is part of the repository.
            repository = registry == null ? repository : registry + "/" + repository;
            registry = "docker.io";
        }
        registry = registry.toLowerCase(Locale.ROOT);
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = "docker.io";
        }
        return new ImageCandidate(reference, registry, repository, m.group("tag"), m.group("digest"), position);
    }

    public String getReference() { return reference; }

    public String getRegistry() { return registry; }

    public String getRepository() { return repository; }

    /** The tag, or null when the reference has none. */
    public String getTag() { return tag; }

    /** The digest ({@code sha256:…}), or null when the reference is not pinned. */
    public String getDigest() { return digest; }

    public boolean isPinned() { return digest != null; }

    /** Where the facts file lists this candidate; rules prefer the earlier of two equals. */
    public int getPosition() { return position; }

    @Override public String evidence() { return "image candidate " + reference; }

    @Override public String toString() { return "ImageCandidate[" + reference + "]"; }
}
