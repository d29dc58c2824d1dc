package dev.nixpolicy.scan;

import dev.nixpolicy.facts.ServiceName;
import dev.nixpolicy.scan.Bindings.Binding;
import dev.nixpolicy.scan.NixTokens.Kind;
import dev.nixpolicy.scan.NixTokens.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a configuration repository already holds, read from its Nix files as 001 Step 2 and
 * Step 5 ask ("ALWAYS scan for UID/port conflicts"), but on the Nix syntax rather than with
 * {@code rg}: a UID, GID or port in a comment or inside a string is not an assignment. UIDs
 * and GIDs count on every host (they must be unique across hosts); ports, the domain, NFS
 * mounts, the tunnel, the backup repository and the podman network count only in the files of
 * the scanned host and in the shared ones (everything not under another {@code hosts/<name>/}).
 */
public final class RepositoryScan {
    /** A value found, with the file and line it came from (relative to the repository). */
    public record Found<T>(T value, String where) {}

    /** A number held by an owner, with where it was found and other owners claiming it. */
    public record Held(String owner, String where, List<String> alsoClaimedBy) {}

    /** The scan's result. */
    public record Result(String host, Optional<Found<String>> domain, Map<Integer, Held> uids, Map<Integer, Held> gids,
                         Map<Integer, Held> ports, Optional<Found<String>> backupRepository, Optional<Found<String>> podmanNetwork,
                         Map<String, String> nfsMounts, Optional<Found<String>> tunnel, int filesRead, List<String> otherHosts) {}

    private static final Pattern ADDRESS = Pattern.compile(
            "(?:[a-z][a-z0-9+.-]*://)?(?:\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9._-]+|\\$\\{…\\})*:(\\d{1,5})(?:/\\S*)?");
    private static final Pattern PORT_MAPPING = Pattern.compile("(?:[0-9.]+:|\\[[0-9a-fA-F:]+\\]:)?(\\d{1,5}):\\d{1,5}(?:/(?:tcp|udp))?");
    private static final Pattern NETWORK_FLAG = Pattern.compile("--network[= ]([a-z][a-z0-9-]*)");
    private static final Pattern CAMEL_PORT = Pattern.compile("[a-z][A-Za-z0-9]*Port");
    private static final List<String> VALUE_WRAPPERS = List.of("lib", "mkDefault", "mkForce", "mkOptionDefault", "mkOverride");

    private final Path repository;
    private final Map<Integer, List<Claim>> uidClaims = new TreeMap<>();
    private final Map<Integer, List<Claim>> gidClaims = new TreeMap<>();
    private final Map<Integer, List<Claim>> portClaims = new TreeMap<>();
    private final Map<Integer, List<Claim>> addressPortClaims = new TreeMap<>();
    private final List<Found<String>> domains = new ArrayList<>();
    private final List<Found<String>> hostNames = new ArrayList<>();
    private final List<Found<String>> repositories = new ArrayList<>();
    private final List<Found<String>> networks = new ArrayList<>();
    private final List<Found<String>> tunnels = new ArrayList<>();
    private final Map<String, String> nfsMounts = new TreeMap<>();

    private record Claim(String owner, String where) {}

    private RepositoryScan(Path repository) {
        this.repository = repository;
    }

    /**
     * Scans {@code repository} for {@code host}; with no host given, the only host of its
     * {@code hosts/} folder (or the only {@code networking.hostName}) is taken.
     *
     * @throws IllegalArgumentException when the host cannot be told, with what to pass
     */
    public static Result of(Path repository, String host) throws IOException {
        List<Path> files = nixFiles(repository);
        List<String> hostFolders = hostFolders(repository);
        String chosen = host;
        if (chosen == null) {
            if (hostFolders.size() == 1) {
                chosen = hostFolders.get(0);
            } else {
                RepositoryScan probe = new RepositoryScan(repository);
                for (Path file : files) {
                    probe.read(file, true, true);
                }
                List<String> names = probe.hostNames.stream().map(Found::value).distinct().sorted().toList();
                if (names.size() != 1) {
                    throw new IllegalArgumentException(hostFolders.isEmpty() && names.isEmpty()
                            ? "no host found (no hosts/<name>/ folder, no networking.hostName); pass --host NAME"
                            : "several hosts (" + String.join(", ", hostFolders.isEmpty() ? names : hostFolders) + "); pass --host NAME");
                }
                chosen = names.get(0);
            }
        }
        RepositoryScan scan = new RepositoryScan(repository);
        for (Path file : files) {
            String otherHost = hostOf(repository.relativize(file));
            boolean thisHost = otherHost == null || otherHost.equals(chosen);
            scan.read(file, thisHost, true);
        }
        String finalHost = chosen;
        return new Result(chosen, first(scan.domains), held(scan.uidClaims), held(scan.gidClaims), scan.ports(),
                mostCommon(scan.repositories), scan.podmanNetwork(), scan.nfsMounts, mostCommon(scan.tunnels), files.size(),
                hostFolders.stream().filter(h -> !h.equals(finalHost)).toList());
    }

    /** The Nix files of the repository in path order, not following symlinks, skipping {@code .git} and build results. */
    private static List<Path> nixFiles(Path repository) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(repository, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(repository) && (name.startsWith(".") || name.equals("result") || name.equals("node_modules"))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".nix")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(p -> repository.relativize(p).toString().replace('\\', '/')));
        return files;
    }

    /** The folders of {@code hosts/} that are hosts: not shared ones such as {@code _modules} or {@code common}. */
    private static List<String> hostFolders(Path repository) throws IOException {
        Path hosts = repository.resolve("hosts");
        if (!Files.isDirectory(hosts)) {
            return List.of();
        }
        try (var list = Files.list(hosts)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(RepositoryScan::isHostFolderName).sorted().toList();
        }
    }

    private static boolean isHostFolderName(String name) {
        return !name.startsWith("_") && !name.startsWith(".") && !List.of("common", "shared", "modules", "lib").contains(name);
    }

    /** The host a file belongs to ({@code hosts/<name>/…}), or null for a shared file. */
    private static String hostOf(Path relative) {
        if (relative.getNameCount() > 2 && relative.getName(0).toString().equals("hosts")) {
            String name = relative.getName(1).toString();
            return isHostFolderName(name) ? name : null;
        }
        return null;
    }

    private void read(Path file, boolean thisHost, boolean countUids) throws IOException {
        String where = repository.relativize(file).toString().replace('\\', '/');
        // A file that is not valid UTF-8 is still read (malformed bytes become U+FFFD): a scan
        // reports what it can of a repository rather than stopping at one odd file.
        List<Token> tokens = NixTokens.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        String fileOwner = ownerOfFile(repository.relativize(file));
        List<Binding> bindings = Bindings.of(tokens);
        for (Binding binding : bindings) {
            String at = where + ":" + binding.line();
            String owner = ownerOf(binding.path()).orElse(fileOwner);
            boolean isDefault = binding.last().equals("default");
            String name = isDefault ? binding.lastButOne() : binding.last();
            Optional<Integer> number = integerValue(binding.value());
            if (countUids && name.equals("uid") && number.isPresent()) {
                claim(uidClaims, number.get(), owner, at);
            } else if (countUids && name.equals("gid") && number.isPresent()) {
                claim(gidClaims, number.get(), groupOf(binding.path()).orElse(owner), at);
            }
            if (!thisHost) {
                continue;
            }
            if ((name.equals("port") || CAMEL_PORT.matcher(name).matches()) && number.filter(RepositoryScan::isPort).isPresent()) {
                claim(portClaims, number.get(), owner, at);
            }
            if (name.equals("allowedTCPPorts") || name.equals("allowedUDPPorts")) {
                for (Token token : binding.value()) {
                    if (token.kind() == Kind.INTEGER) {
                        parse(token.text()).filter(RepositoryScan::isPort).ifPresent(p -> claim(portClaims, p, fileOwner, where + ":" + token.line()));
                    }
                }
            }
            if (name.equals("ports")) {
                for (Token token : binding.value()) {
                    Matcher mapping = PORT_MAPPING.matcher(token.text());
                    if (token.kind() == Kind.STRING && mapping.matches()) {
                        parse(mapping.group(1)).filter(RepositoryScan::isPort).ifPresent(p -> claim(portClaims, p, owner, where + ":" + token.line()));
                    }
                }
            }
            Optional<String> text = stringValue(binding.value());
            if (text.isPresent()) {
                String value = text.get();
                List<String> path = binding.path();
                if (endsWith(path, "networking", "domain")) {
                    domains.add(new Found<>(value, at));
                } else if (endsWith(path, "networking", "hostName")) {
                    hostNames.add(new Found<>(value, at));
                } else if (binding.last().equals("podmanNetwork") && isName(value)) {
                    networks.add(new Found<>(value, at));
                } else if (binding.last().equals("tunnel") && isName(value)
                        && path.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).startsWith("cloudflare"))) {
                    tunnels.add(new Found<>(value, at));
                } else if (binding.last().equals("repository") && isName(value)
                        && path.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("backup"))) {
                    repositories.add(new Found<>(value, at));
                }
            }
            int mounts = binding.path().indexOf("nfsMounts");
            if (mounts >= 0 && mounts + 1 < binding.path().size() && isName(binding.path().get(mounts + 1))) {
                nfsMounts.putIfAbsent(binding.path().get(mounts + 1), at);
            }
        }
        if (thisHost) {
            // A string belongs to the innermost binding it is in (bindings close innermost first).
            Map<Token, String> stringOwners = new java.util.IdentityHashMap<>();
            for (Binding binding : bindings) {
                String owner = ownerOf(binding.path()).orElse(fileOwner);
                binding.value().stream().filter(t -> t.kind() == Kind.STRING).forEach(t -> stringOwners.putIfAbsent(t, owner));
            }
            readStrings(tokens, where, token -> stringOwners.getOrDefault(token, fileOwner));
        }
    }

    /** Strings that are only an address with a port ({@code "127.0.0.1:8080"}, {@code "http://localhost:8989/"}) and podman {@code --network} flags. */
    private void readStrings(List<Token> tokens, String where, java.util.function.Function<Token, String> ownerOf) {
        for (Token token : tokens) {
            if (token.kind() != Kind.STRING) {
                continue;
            }
            Matcher address = ADDRESS.matcher(token.text());
            if (address.matches() && !PORT_MAPPING.matcher(token.text()).matches()) {
                parse(address.group(1)).filter(RepositoryScan::isPort)
                        .ifPresent(p -> claim(addressPortClaims, p, ownerOf.apply(token), where + ":" + token.line()));
            }
            Matcher network = NETWORK_FLAG.matcher(token.text());
            if (network.find()) {
                networks.add(new Found<>(network.group(1), where + ":" + token.line()));
            }
        }
    }

    /** Ports from assignments, then those only seen in addresses (their owner is the file, a weaker guess). */
    private Map<Integer, Held> ports() {
        Map<Integer, List<Claim>> all = new TreeMap<>(portClaims);
        addressPortClaims.forEach(all::putIfAbsent);
        return held(all);
    }

    private Optional<Found<String>> podmanNetwork() {
        return mostCommon(networks);
    }

    private static Map<Integer, Held> held(Map<Integer, List<Claim>> claims) {
        Map<Integer, Held> held = new TreeMap<>();
        claims.forEach((number, list) -> {
            Claim first = list.get(0);
            List<String> others = list.stream().map(Claim::owner).filter(o -> !o.equals(first.owner())).distinct().sorted().toList();
            held.put(number, new Held(first.owner(), first.where(), others));
        });
        return held;
    }

    private static void claim(Map<Integer, List<Claim>> claims, int number, String owner, String where) {
        claims.computeIfAbsent(number, n -> new ArrayList<>()).add(new Claim(owner, where));
    }

    private static <T> Optional<Found<T>> first(List<Found<T>> found) {
        return found.stream().findFirst();
    }

    /** The value found most often; on a tie, the one found first (files in path order). */
    private static Optional<Found<String>> mostCommon(List<Found<String>> found) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        found.forEach(f -> counts.merge(f.value(), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .flatMap(best -> found.stream().filter(f -> f.value().equals(best.getKey())).findFirst());
    }

    /** The service a binding path speaks of: {@code users.users.<name>}, {@code containers.<name>} or {@code services.<name>}. */
    private static Optional<String> ownerOf(List<String> path) {
        for (List<String> marker : List.of(List.of("users", "users"), List.of("containers"), List.of("services"))) {
            for (int i = 0; i + marker.size() < path.size(); i++) {
                if (path.subList(i, i + marker.size()).equals(marker)) {
                    String name = path.get(i + marker.size());
                    if (!name.equals(Bindings.COMPUTED) && i + marker.size() + 1 < path.size()) {
                        return Optional.of(asOwner(name));
                    }
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> groupOf(List<String> path) {
        for (int i = 0; i + 2 < path.size(); i++) {
            if (path.get(i).equals("users") && path.get(i + 1).equals("groups") && !path.get(i + 2).equals(Bindings.COMPUTED)) {
                return Optional.of(asOwner(path.get(i + 2)));
            }
        }
        return Optional.empty();
    }

    /** {@code …/services/<name>/default.nix} and {@code …/services/<name>.nix} speak of {@code <name>}; otherwise the file's name does. */
    private static String ownerOfFile(Path relative) {
        String fileName = relative.getFileName().toString();
        String stem = fileName.substring(0, fileName.length() - ".nix".length());
        if (stem.equals("default") && relative.getNameCount() > 1) {
            stem = relative.getName(relative.getNameCount() - 2).toString();
        }
        return asOwner(stem);
    }

    /** An owner as host files spell it (a service name): lower case, other characters as {@code -}. */
    private static String asOwner(String name) {
        String owner = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^[^a-z]+", "");
        if (owner.length() > 63) {
            owner = owner.substring(0, 63);
        }
        return ServiceName.SHAPE.matcher(owner).matches() ? owner : "unnamed";
    }

    /** An integer value, possibly wrapped ({@code lib.mkDefault 918}, {@code (mkForce 918)}). */
    private static Optional<Integer> integerValue(List<Token> value) {
        int i = 0;
        while (i < value.size()) {
            Token token = value.get(i);
            if (token.is(".") || token.is("(") || (token.kind() == Kind.IDENTIFIER && VALUE_WRAPPERS.contains(token.text()))) {
                i += token.is("mkOverride") ? 2 : 1;
            } else {
                break;
            }
        }
        if (i >= value.size() || value.get(i).kind() != Kind.INTEGER) {
            return Optional.empty();
        }
        for (int j = i + 1; j < value.size(); j++) {
            if (!value.get(j).is(")")) {
                return Optional.empty();
            }
        }
        return parse(value.get(i).text());
    }

    /** A string value with nothing computed in it. */
    private static Optional<String> stringValue(List<Token> value) {
        int i = 0;
        while (i < value.size() && (value.get(i).is(".") || value.get(i).is("(")
                || (value.get(i).kind() == Kind.IDENTIFIER && VALUE_WRAPPERS.contains(value.get(i).text())))) {
            i++;
        }
        if (i >= value.size() || value.get(i).kind() != Kind.STRING || value.get(i).text().contains(Bindings.COMPUTED)) {
            return Optional.empty();
        }
        return value.subList(i + 1, value.size()).stream().allMatch(t -> t.is(")")) ? Optional.of(value.get(i).text()) : Optional.empty();
    }

    private static Optional<Integer> parse(String digits) {
        if (digits.length() > 9) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPort(int number) {
        return number >= 1 && number <= 65535;
    }

    private static boolean isName(String value) {
        return ServiceName.SHAPE.matcher(value).matches();
    }

    private static boolean endsWith(List<String> path, String... tail) {
        return path.size() >= tail.length && path.subList(path.size() - tail.length, path.size()).equals(List.of(tail));
    }
}
