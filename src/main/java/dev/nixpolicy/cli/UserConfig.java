package dev.nixpolicy.cli;

import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.Quote;
import dev.nixpolicy.facts.YamlFile;
import dev.nixpolicy.facts.YamlLocations;
import dev.nixpolicy.pipeline.BatchDecision;
import dev.nixpolicy.pipeline.RulesSource;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Where the rules, the templates and the host file of a run come from: the command-line option
 * ({@code --rules}, {@code --templates}, {@code --host}), else {@code .nixpolicy.yaml} in the
 * working directory or the nearest folder above it, else the shipped ones in
 * {@code nixpolicy.home}. The file lets a configuration repository keep its own rules and host
 * beside its Nix files without every command naming them:
 * <pre>
 * rules: policy/rules          # relative to the folder of .nixpolicy.yaml
 * templates: policy/templates
 * host: policy/hosts/forge.yaml
 * </pre>
 * It is read as strictly as facts are: an unknown or duplicated key, or a value that is not a
 * path, is bad input located to file, line and column. A path is checked only when a command
 * needs it, so a file naming a host folder that an option overrides is no error.
 */
final class UserConfig {
    static final String FILE_NAME = ".nixpolicy.yaml";

    /** A key of the file: what it names, and the option that wins over it. */
    enum Key {
        RULES("rules", "--rules", "DIR", "rules folder", true),
        TEMPLATES("templates", "--templates", "DIR", "templates folder", true),
        HOST("host", "--host", "HOSTFACTS", "host file", false);

        final String key;
        final String option;
        final String label;
        final String what;
        final boolean folder;

        Key(String key, String option, String label, String what, boolean folder) {
            this.key = key;
            this.option = option;
            this.label = label;
            this.what = what;
            this.folder = folder;
        }

        static Optional<Key> named(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
        }

        /** Why {@code path} cannot be used as this source, if it cannot. */
        Optional<String> problemWith(Path path) {
            if (!Files.exists(path)) {
                return Optional.of(folder ? "no such folder" : "no such file");
            }
            if (folder != Files.isDirectory(path)) {
                return Optional.of(folder ? "not a folder" : "a folder, not a file");
            }
            return Optional.empty();
        }
    }

    /** A key's path, resolved against the file's folder, and where its value stands in the file. */
    private record Setting(Path path, YamlLocations.Location at) {}

    private final Path file;
    private final Map<Key, Setting> settings;

    private UserConfig(Path file, Map<Key, Setting> settings) {
        this.file = file;
        this.settings = settings;
    }

    /** No file: every source is the option or the shipped one. */
    static UserConfig none() {
        return new UserConfig(null, Map.of());
    }

    /** The file that applies in the working directory, read; {@link #none()} if there is none. */
    static UserConfig ofWorkingDirectory() throws BadInputException {
        return find(Path.of("").toAbsolutePath());
    }

    /** The file that applies in {@code start}, read; {@link #none()} if there is none. */
    static UserConfig find(Path start) throws BadInputException {
        Optional<Path> file = locate(start);
        return file.isPresent() ? read(file.get()) : none();
    }

    /** {@code .nixpolicy.yaml} in {@code start} or the nearest folder above it, up to the root of the file system. */
    static Optional<Path> locate(Path start) {
        for (Path folder = start.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static UserConfig read(Path file) throws BadInputException {
        String text = YamlFile.read(file);
        YamlLocations document = YamlLocations.ofInput(file, text);
        Map<Key, Setting> settings = new EnumMap<>(Key.class);
        // A file of comments only sets nothing, like an empty one.
        if (document.root() == null) {
            return new UserConfig(file, settings);
        }
        if (!(document.root() instanceof MappingNode mapping)) {
            throw new BadInputException(file, at(document.root()), "expected a mapping of " + knownKeys() + " to paths");
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
            Optional<Key> key = name == null ? Optional.empty() : Key.named(name);
            if (key.isEmpty()) {
                throw new BadInputException(file, at(tuple.getKeyNode()), "unknown key "
                        + (name == null ? "that is not text" : Quote.key(name)) + "; known keys: " + knownKeys());
            }
            Node value = tuple.getValueNode();
            if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()
                    || (scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && (scalar.getValue().equals("null")
                            || scalar.getValue().equals("~")))) {
                throw new BadInputException(file, at(value), name + ": expected the path of the " + key.get().what
                        + " (relative to the folder of " + FILE_NAME + ")");
            }
            Path path;
            try {
                path = folder.resolve(scalar.getValue()).normalize();
            } catch (InvalidPathException e) {
                throw new BadInputException(file, at(value), name + ": " + Quote.of(scalar.getValue()) + " is not a path");
            }
            settings.put(key.get(), new Setting(path, at(value)));
        }
        return new UserConfig(file, settings);
    }

    /** The file read, if there was one. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The rules folder given with {@code --rules} or in the file; empty for the shipped rules, which then must exist. */
    Optional<Path> rules(Path option, ProjectLayout layout) throws SourceNotFoundException {
        Optional<Path> chosen = chosen(Key.RULES, option);
        if (chosen.isEmpty()) {
            shipped(Key.RULES, layout.rules(), layout);
        }
        return chosen;
    }

    /** The templates folder: {@code --templates}, else the file's, else the shipped one. */
    Path templates(Path option, ProjectLayout layout) throws SourceNotFoundException {
        Optional<Path> chosen = chosen(Key.TEMPLATES, option);
        return chosen.isPresent() ? chosen.get() : shipped(Key.TEMPLATES, layout.templates(), layout);
    }

    /**
     * The host file given with {@code --host} or in the file; empty when neither gives one (the
     * command then looks beside the facts, then takes {@link #shippedHost}).
     */
    Optional<Path> host(Path option) throws SourceNotFoundException {
        return chosen(Key.HOST, option);
    }

    /**
     * The batch a command decides with: the rules of {@code --rules}, the file's or the shipped
     * ones, and the host file of {@code --host} or the file's, else the only one in a
     * {@code hosts/} folder beside the facts, else the shipped example host, which is said aloud
     * (its domain, UIDs and ports are not a user's own).
     */
    BatchDecision batch(Path rulesOption, Path hostOption, ProjectLayout layout, Consumer<String> notice) throws SourceNotFoundException {
        RulesSource rulesSource = RulesSource.of(rules(rulesOption, layout).orElse(null), layout.rules());
        return batch(rulesSource, hostOption, layout, notice);
    }

    /** Like {@link #batch(Path, Path, ProjectLayout, Consumer)} with the rules already chosen. */
    BatchDecision batch(RulesSource rulesSource, Path hostOption, ProjectLayout layout, Consumer<String> notice) throws SourceNotFoundException {
        return new BatchDecision(rulesSource, hostChoice(hostOption, layout, notice), notice);
    }

    /** How a run chooses its host file; see {@link #batch(Path, Path, ProjectLayout, Consumer)}. */
    BatchDecision.HostChoice hostChoice(Path hostOption, ProjectLayout layout, Consumer<String> notice) throws SourceNotFoundException {
        Optional<Path> chosenHost = host(hostOption);
        return files -> {
            if (chosenHost.isPresent()) {
                return chosenHost.get();
            }
            Optional<Path> beside = TestFiles.hostBeside(files);
            if (beside.isPresent()) {
                return beside.get();
            }
            Path example = shippedHost(layout);
            notice.accept("no --host given, no host: in " + FILE_NAME + " and no hosts/<host>.yaml beside the facts:"
                    + " assuming the example host " + example + " (its domain, UIDs and ports are not yours; pass --host)");
            return example;
        };
    }

    /** The shipped example host, which must exist when it is the one a run falls back to. */
    static Path shippedHost(ProjectLayout layout) throws SourceNotFoundException {
        return shipped(Key.HOST, layout.defaultHost(), layout);
    }

    private Optional<Path> chosen(Key key, Path option) throws SourceNotFoundException {
        if (option != null) {
            Optional<String> problem = key.problemWith(option);
            if (problem.isPresent()) {
                throw new SourceNotFoundException(key.option + " " + option + ": " + problem.get());
            }
            return Optional.of(option);
        }
        Setting setting = settings.get(key);
        if (setting == null) {
            return Optional.empty();
        }
        Optional<String> problem = key.problemWith(setting.path());
        if (problem.isPresent()) {
            throw new SourceNotFoundException(file + ":" + setting.at().line() + ":" + setting.at().column() + ": "
                    + key.key + ": " + setting.path() + ": " + problem.get() + " (set " + key.key + ": to the " + key.what
                    + ", relative to this file's folder, or pass " + key.option + ")");
        }
        return Optional.of(setting.path());
    }

    private static Path shipped(Key key, Path path, ProjectLayout layout) throws SourceNotFoundException {
        Optional<String> problem = key.problemWith(path);
        if (problem.isPresent()) {
            throw new SourceNotFoundException("no " + key.what + ": the shipped one, " + path + ", is missing ("
                    + ProjectLayout.HOME_PROPERTY + " is " + layout.home() + "); pass " + key.option + " " + key.label
                    + ", set " + key.key + ": in " + FILE_NAME + " (in the working directory or a folder above it), or run java"
                    + " with -D" + ProjectLayout.HOME_PROPERTY + "=DIR naming the folder that holds rules/, templates/ and facts/hosts/");
        }
        return path;
    }

    private static String knownKeys() {
        return String.join(", ", Arrays.stream(Key.values()).map(k -> k.key).toList());
    }

    private static YamlLocations.Location at(Node node) {
        return new YamlLocations.Location(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }
}
