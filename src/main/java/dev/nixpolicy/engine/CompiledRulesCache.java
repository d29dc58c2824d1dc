package dev.nixpolicy.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;

/**
 * Edited rules, compiled once: the executable-model classes of a rules folder kept in the
 * user's cache folder ({@code $XDG_CACHE_HOME/nixpolicy}, else {@code ~/.cache/nixpolicy}) under
 * the digest of the DRL files and the identity of this nixpolicy build, and loaded like the
 * build-time precompiled rules. An entry is written into a private folder and renamed into
 * place in one step, so concurrent runs never see half an entry; the first rename wins and
 * the others drop their copy. On load the recorded SHA-256 of the classes must match, and
 * anything unexpected (a missing file, a class that does not load, a model that does not
 * build) discards the entry: the rules are compiled again, never served from a doubtful entry.
 */
public final class CompiledRulesCache {
    /** Overrides the cache folder (tests, or a shared CI cache); "off" disables the cache. */
    public static final String FOLDER_PROPERTY = "nixpolicy.cache";
    private static final String CLASSES = "classes.zip";
    private static final String INDEX = "entry.properties";
    /** When a run starts compiling edited rules into the cache in a process of its own: "exit" (default), "now" or "off". */
    public static final String FILL_PROPERTY = "nixpolicy.cache.fill";
    /** A background compile not finished after this long is taken for dead, and another may start. */
    private static final long FILL_TIMEOUT_MILLIS = 5 * 60 * 1000;

    private final Path folder;

    CompiledRulesCache(Path folder) {
        this.folder = folder;
    }

    /** The cache of this user, or none when it is switched off or no home is known. */
    public static Optional<CompiledRulesCache> standard() {
        String configured = System.getProperty(FOLDER_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured.equals("off") ? Optional.empty() : Optional.of(new CompiledRulesCache(Path.of(configured)));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(new CompiledRulesCache(Path.of(xdg, "nixpolicy")));
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? Optional.empty()
                : Optional.of(new CompiledRulesCache(Path.of(home, ".cache", "nixpolicy")));
    }

    /** The cached rules with {@code digest}, or empty (and the entry removed) when there is none or it cannot be trusted. */
    Optional<CompiledPolicy> load(String digest, String displayName) {
        Path entry = entryFor(digest);
        if (!Files.isDirectory(entry)) {
            return Optional.empty();
        }
        try {
            Properties index = new Properties();
            try (InputStream in = Files.newInputStream(entry.resolve(INDEX))) {
                index.load(in);
            }
            byte[] classes = Files.readAllBytes(entry.resolve(CLASSES));
            if (!digest.equals(index.getProperty("digest")) || !buildIdentity().equals(index.getProperty("build"))
                    || !sha256(classes).equals(index.getProperty("sha256"))) {
                discard(entry);
                return Optional.empty();
            }
            ClassLoader loader = new CachedClassLoader(unzip(classes), CompiledRulesCache.class.getClassLoader());
            List<Model> models = new ArrayList<>();
            for (String name : index.getProperty("models", "").split(",")) {
                models.add((Model) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
            }
            return Optional.of(CompiledPolicy.of(KieBaseBuilder.createKieBaseFromModel(models), digest, displayName));
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError untrusted) {
            discard(entry);
            return Optional.empty();
        }
    }

    /** Keeps the classes of {@code module}, compiled from rules with {@code digest}; a cache that cannot be written is skipped. */
    void store(String digest, InternalKieModule module) {
        Path entry = entryFor(digest);
        if (Files.isDirectory(entry)) {
            return;
        }
        Path staging = null;
        try {
            Files.createDirectories(folder);
            staging = Files.createTempDirectory(folder, ".staging-");
            byte[] classes = zip(module);
            Files.write(staging.resolve(CLASSES), classes);
            Properties index = new Properties();
            index.setProperty("digest", digest);
            index.setProperty("build", buildIdentity());
            index.setProperty("sha256", sha256(classes));
            index.setProperty("models", String.join(",", PrecompileRules.modelClasses(module)));
            try (OutputStream out = Files.newOutputStream(staging.resolve(INDEX))) {
                index.store(out, null);
            }
            try {
                Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
                staging = null;
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException lost) {
                // Another run stored the same rules first; its entry is as good as ours.
            }
        } catch (IOException | RuntimeException unwritable) {
            // A cache is an optimisation: a read-only or full disk only costs the next run a compile.
        } finally {
            if (staging != null) {
                discard(staging);
            }
        }
    }

    /**
     * Starts a process of its own that compiles the rules of {@code dir} (which had
     * {@code digest} when this run read them) with the executable model into this cache
     * ({@link CacheFiller}), unless one started for that digest in the last
     * minutes; it outlives this run, which does not wait for it. It starts when this JVM exits,
     * so that it takes no core from the run that asked for it ({@code -Dnixpolicy.cache.fill=now}
     * starts it at once, {@code off} never).
     */
    void fillInBackground(Path dir, String digest, String displayName) {
        String when = System.getProperty(FILL_PROPERTY, "exit");
        if (when.equals("off")) {
            return;
        }
        List<String> command;
        try {
            Files.createDirectories(folder);
            Path marker = folder.resolve(".filling-" + digest.replaceAll("[^A-Za-z0-9]", "-"));
            if (Files.exists(marker) && Files.getLastModifiedTime(marker).toMillis() > System.currentTimeMillis() - FILL_TIMEOUT_MILLIS) {
                return;
            }
            Files.writeString(marker, "");
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command = new ArrayList<>(lowestPriority());
            command.addAll(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC",
                    "-D" + FOLDER_PROPERTY + "=" + folder.toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
                    CacheFiller.class.getName(), dir.toAbsolutePath().toString(), displayName, marker.toString()));
        } catch (IOException | RuntimeException unwritable) {
            return;
        }
        if (when.equals("now")) {
            start(command);
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> start(command), "nixpolicy-cache-fill"));
        }
    }

    /**
     * The prefix that starts the background compile at the lowest CPU priority where the system
     * has {@code nice}: a policy author who edits again within seconds starts a run that shares
     * the cores with the compile of the previous edit (its first run took 4.2-4.7 s so, against
     * 2.6-3.7 s with the compile at the lowest priority and 2.5-2.9 s with none running).
     */
    private static List<String> lowestPriority() {
        for (String nice : List.of("/usr/bin/nice", "/bin/nice")) {
            if (Files.isExecutable(Path.of(nice))) {
                return List.of(nice, "-n", "19");
            }
        }
        return List.of();
    }

    private static void start(List<String> command) {
        try {
            new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException unstartable) {
            // Without the background compile the next run builds the rules again; nothing is lost.
        }
    }

    Path entryFor(String digest) {
        return folder.resolve("rules-" + digest.replaceAll("[^A-Za-z0-9]", "-").replace("sha256-", "") + "-" + buildIdentity());
    }

    /**
     * Which build of nixpolicy (and of the Drools inside its jar) compiled an entry: its version
     * and the size and time of the jar or classes folder it runs from. Classes from another build
     * are never loaded; a rebuild costs one compile.
     */
    static String buildIdentity() {
        String version = CompiledRulesCache.class.getPackage().getImplementationVersion();
        String origin = "unknown";
        try {
            Path code = Path.of(CompiledRulesCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            origin = code.toAbsolutePath() + ":" + Files.size(code) + ":" + Files.getLastModifiedTime(code).toMillis();
        } catch (IOException | java.net.URISyntaxException | RuntimeException unknown) {
            // No location: the version alone identifies the build.
        }
        return (version == null ? "dev" : version.replaceAll("[^A-Za-z0-9.]", "-")) + "-"
                + sha256(origin.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    private static byte[] zip(InternalKieModule module) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new TreeSet<>(module.getFileNames())) {
                if (name.endsWith(".class")) {
                    ZipEntry entry = new ZipEntry(name);
                    entry.setTime(0);
                    zip.putNextEntry(entry);
                    zip.write(module.getBytes(name));
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] classes) throws IOException {
        Map<String, byte[]> byName = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(classes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    byName.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), zip.readAllBytes());
                }
            }
        }
        return byName;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void discard(Path path) {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // Whatever is left is checked again, and discarded again, by the next load.
        }
    }

    /** Loads the cached classes first (a shipped class of the same name must not stand in for an edited one). */
    private static final class CachedClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        CachedClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = classes.get(name);
                    loaded = bytes != null ? defineClass(name, bytes, 0, bytes.length) : super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
