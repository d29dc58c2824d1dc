package dev.nixpolicy.facts;

import java.util.Optional;

/** Step 0 research per channel: empty means researched and not packaged there. */
public record Nixpkgs(Optional<NixpkgsChannel> stable, Optional<NixpkgsChannel> unstable) {}
