package dev.nixpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCandidateTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        "ghcr.io/home-operations/sonarr:4.0.16.2943@sha256:0a1b8f5cb5b072f7ad8c6ff64a25dc512115d1a114ecf19a58a3b4f870207ddd, ghcr.io, home-operations/sonarr, 4.0.16.2943, sha256:0a1b8f5cb5b072f7ad8c6ff64a25dc512115d1a114ecf19a58a3b4f870207ddd",
        "docker.io/linuxserver/sonarr:4.0.16, docker.io, linuxserver/sonarr, 4.0.16, -",
        "linuxserver/sonarr:latest, docker.io, linuxserver/sonarr, latest, -",
        "nginx, docker.io, nginx, -, -",
        "quay.io/prometheus/node-exporter:v1.8.2, quay.io, prometheus/node-exporter, v1.8.2, -",
        "index.docker.io/library/redis:7, docker.io, library/redis, 7, -",
        "registry.example.com:5000/team/app:1.0, registry.example.com:5000, team/app, 1.0, -"})
    void splitsReferences(String reference, String registry, String repository, String tag, String digest) {
        ImageCandidate image = ImageCandidate.parse(reference);
        assertEquals(registry, image.getRegistry());
        assertEquals(repository, image.getRepository());
        assertEquals(tag, image.getTag());
        assertEquals(digest, image.getDigest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ghcr.io/Acme/App:1", "ghcr.io/acme/app:1 latest", "ghcr.io/acme/app@sha256:abc", "ghcr.io/acme/app:1;rm -rf"})
    void refusesWhatIsNoReference(String reference) {
        assertThrows(IllegalArgumentException.class, () -> ImageCandidate.parse(reference));
    }
}
