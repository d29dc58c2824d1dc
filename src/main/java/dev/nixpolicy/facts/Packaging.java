package dev.nixpolicy.facts;

import java.util.List;

public record Packaging(
        Nixpkgs nixpkgs,
        String minimumVersion,
        Boolean upstreamFlake,
        List<String> containerImages,
        Boolean requiresContainer,
        Boolean hardToPackage,
        String moduleName,
        ModuleOptions moduleOptions) {

    public Packaging {
        containerImages = containerImages == null ? null : List.copyOf(containerImages);
    }
}
