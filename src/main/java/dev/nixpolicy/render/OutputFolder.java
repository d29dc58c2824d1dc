package dev.nixpolicy.render;

import dev.nixpolicy.render.GeneratedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes generated files into the output folder ({@code --out}) all or nothing, across crashes,
 * and never through a symbolic link below it.
 *
 * <p><b>Jail.</b> Every path below the output folder is looked at one component at a time without
 * following symbolic links ({@link LinkOption#NOFOLLOW_LINKS}); a symbolic link at any level, a
 * file where a folder must be, or something other than a regular file where a file goes is
 * refused, and files are read with {@code O_NOFOLLOW}. A symbolic link is refused even where it
 * points at a file nixpolicy generated (with {@code --force} too): replacing it would silently
 * turn the user's link into a file. The output folder itself may be a symbolic link.
 *
 * <p><b>Batch.</b> A batch lives in a staging folder {@code .nixpolicy-staging-*} inside the
 * output folder, holding a {@code lock} file (locked while the batch runs, so that a concurrent
 * run does not take a live batch for an interrupted one), the new contents {@code new-N} and,
 * once moved aside, the originals {@code old-N}. In order:
 * <ol>
 * <li>every new file is written into the staging folder and fsynced; nothing outside it changed
 *     so far, so a failure or a crash up to here only leaves the staging folder to delete;</li>
 * <li>the journal is written ({@code journal.tmp}, fsynced, renamed to {@code journal}, folder
 *     fsynced). It lists the folders the batch creates and, for every target, whether it is new
 *     or replaces an original and under which names the new file and the original are kept.
 *     The rename is the commit point: from here on the batch is finished, not undone;</li>
 * <li>the folders are created, then per target the original is moved aside to {@code old-N}
 *     and {@code new-N} moved into place (both renames within one file system);</li>
 * <li>the touched folders are fsynced, the journal deleted, then the staging folder.</li>
 * </ol>
 * A failure in step 3 in this process (a full disk, an inode limit, a permission) rolls back:
 * the journal is renamed to {@code undo} (a rename needs no free space), originals go back, new
 * files and the folders the batch created are removed. The next run recovers before anything
 * else ({@link #recover()}): a {@code journal} is finished forward, an {@code undo} finished
 * backward, a staging folder with neither (crashed before the commit point, or while deleting a
 * finished batch) deleted. Every step is decided from what is on disk ({@code new-N} present:
 * not moved in yet; {@code old-N} present: original moved aside), so recovery itself may be
 * interrupted and run again. Recovery finishing forward checks what it moves as a first run
 * would (no symbolic link, an original still carrying the header, a new file's place still
 * free); when the folder changed meanwhile it rolls back instead.
 */
public final class OutputFolder {
    public static final String STAGING_PREFIX = ".nixpolicy-staging-";
    private static final String LOCK = "lock";
    private static final String JOURNAL = "journal";
    private static final String JOURNAL_TMP = "journal.tmp";
    private static final String UNDO = "undo";
    private static final String MAGIC = "nixpolicy batch v1";
    private static final String END = "end";

    /** A path below the output folder nixpolicy will not write or read through. */
    public static final class UnsafePathException extends IOException {
        final boolean symbolicLink;

        UnsafePathException(Path path, String why, boolean symbolicLink) {
            super(path + ": " + why);
            this.symbolicLink = symbolicLink;
        }

        static UnsafePathException link(Path path) {
            return new UnsafePathException(path, "is a symbolic link; nixpolicy neither follows nor replaces symbolic links"
                    + " inside --out (only --out itself may be one)", true);
        }
    }

    /** A batch failed and could not be rolled back: its staging folder is kept for the next run. */
    public static final class RollbackFailedException extends IOException {
        RollbackFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Test seam: called before every step that changes the file system, named by the step
     * ({@code write-new} from several threads at once).
     */
    public interface Steps {
        void before(String step) throws IOException;
    }

    private record Target(String relative, Path path, boolean replaces) {}

    private record Journal(List<Path> folders, List<Target> targets) {}

    private final Path root;
    private final Consumer<String> notices;
    private Steps steps;

    /** {@code notices} gets what the user should know but that is no failure. */
    public OutputFolder(Path root, Consumer<String> notices) {
        this.root = root;
        this.notices = notices;
        // Test-only (the crash test slows the rename phase down to kill a process inside it); not for users.
        long delay = Long.getLong("nixpolicy.test.moveDelayMillis", 0L);
        this.steps = delay <= 0 ? step -> {} : step -> {
            if (step.startsWith("move")) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** For tests: replaces the step hook. */
    public OutputFolder withSteps(Steps steps) {
        this.steps = steps;
        return this;
    }

    // ------------------------------------------------------------------ the jail

    /** A relative path of plain names (no {@code ..}, nothing absolute), as the batch names its files. */
    private Path relative(String name) throws IOException {
        Path rel = root.getFileSystem().getPath(name);
        boolean plain = !name.isEmpty() && !rel.isAbsolute() && name.indexOf('\n') < 0 && name.indexOf('\t') < 0;
        for (Path part : rel) {
            String s = part.toString();
            plain &= !s.isEmpty() && !s.equals(".") && !s.equals("..");
        }
        if (!plain) {
            throw new IOException(name + ": not a plain relative path below --out");
        }
        return rel;
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Looks at every component of {@code rel} from the output folder down without following
     * links; returns the last one's attributes, or null when it (or a folder above it) is missing.
     */
    private BasicFileAttributes walk(Path rel) throws IOException {
        Path at = root;
        for (int i = 0; i < rel.getNameCount(); i++) {
            at = at.resolve(rel.getName(i));
            BasicFileAttributes attributes = attributes(at);
            if (attributes == null) {
                return null;
            }
            if (attributes.isSymbolicLink()) {
                throw UnsafePathException.link(at);
            }
            if (i < rel.getNameCount() - 1 && !attributes.isDirectory()) {
                throw new UnsafePathException(at, "is not a folder", false);
            }
            if (i == rel.getNameCount() - 1) {
                return attributes;
            }
        }
        throw new IOException("empty path");
    }

    /** Reads a file as UTF-8 without following a symbolic link (O_NOFOLLOW). */
    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        }
    }

    private static void requireRegularFile(Path path, BasicFileAttributes attributes) throws UnsafePathException {
        if (attributes.isDirectory()) {
            throw new UnsafePathException(path, "is a directory", false);
        }
        if (!attributes.isRegularFile()) {
            throw new UnsafePathException(path, "is not a regular file", false);
        }
    }

    /**
     * The current text of a generated file's place, for {@code --check}: empty when there is no
     * regular file there. Never reads through a symbolic link: one at any level is refused.
     */
    public Optional<String> existing(String name) throws IOException {
        Path rel = relative(name);
        BasicFileAttributes attributes;
        try {
            attributes = walk(rel);
        } catch (UnsafePathException e) {
            if (e.symbolicLink) {
                throw e;
            }
            return Optional.empty();
        }
        return attributes != null && attributes.isRegularFile() ? Optional.of(read(root.resolve(rel))) : Optional.empty();
    }

    /** Why the files cannot be written as asked, or empty when they can. */
    public Optional<String> refusal(Map<String, String> files, boolean force) throws IOException {
        Set<String> problems = new LinkedHashSet<>();
        for (String name : files.keySet()) {
            Path rel = relative(name);
            Path target = root.resolve(rel);
            try {
                BasicFileAttributes attributes = walk(rel);
                if (attributes == null) {
                    continue;
                }
                requireRegularFile(target, attributes);
                if (!force) {
                    problems.add(target + ": exists; pass --force to replace files nixpolicy generated");
                } else if (!GeneratedFiles.isGenerated(read(target))) {
                    problems.add(target + ": exists and was not generated by nixpolicy (no header); refusing to replace it");
                }
            } catch (UnsafePathException e) {
                problems.add(e.getMessage());
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
    }

    // ------------------------------------------------------------------ writing a batch

    /** Writes every file or, on failure, none; returns the files that changed. */
    public List<String> write(Map<String, String> files) throws IOException {
        List<Target> targets = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        Set<Path> folders = new LinkedHashSet<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path rel = relative(file.getKey());
            Path path = root.resolve(rel);
            BasicFileAttributes attributes = walk(rel);
            if (attributes != null) {
                requireRegularFile(path, attributes);
                if (read(path).equals(file.getValue())) {
                    continue;
                }
            } else {
                for (int i = 1; i < rel.getNameCount(); i++) {
                    Path folder = rel.subpath(0, i);
                    if (!folders.contains(folder) && attributes(root.resolve(folder)) == null) {
                        folders.add(folder);
                    }
                }
            }
            targets.add(new Target(file.getKey(), rel, attributes != null));
            contents.add(file.getValue().getBytes(StandardCharsets.UTF_8));
            changed.add(file.getKey());
        }
        if (targets.isEmpty()) {
            return changed;
        }
        Journal journal = new Journal(List.copyOf(folders), targets);
        List<Path> createdAbove = createRoot();
        Path staging;
        try {
            staging = Files.createTempDirectory(root, STAGING_PREFIX);
        } catch (IOException | RuntimeException e) {
            removeEmptyFolders(createdAbove);
            throw e;
        }
        try (FileChannel lockFile = FileChannel.open(staging.resolve(LOCK), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (tryLock(lockFile) == null) {
                throw new IOException(staging + ": taken over by another nixpolicy run");
            }
            try {
                steps.before("stage");
                List<Integer> indices = new ArrayList<>();
                for (int i = 0; i < targets.size(); i++) {
                    indices.add(i);
                }
                parallel(indices, i -> {
                    steps.before("write-new");
                    writeSynced(staging.resolve("new-" + i), contents.get(i));
                });
                syncFolder(staging);
                writeJournal(staging, journal);
            } catch (IOException | RuntimeException e) {
                try {
                    deleteStaging(staging);
                    removeEmptyFolders(createdAbove);
                } catch (IOException | RuntimeException cleanupFailed) {
                    e.addSuppressed(cleanupFailed);
                }
                throw e;
            }
            try {
                forward(staging, journal);
            } catch (IOException | RuntimeException failure) {
                try {
                    steps.before("undo");
                    move(staging.resolve(JOURNAL), staging.resolve(UNDO));
                    backward(staging, journal);
                    finish(staging, journal, UNDO);
                    removeEmptyFolders(createdAbove);
                } catch (IOException | RuntimeException undoFailed) {
                    throw new RollbackFailedException(failure.getMessage() + "; rolling back failed too (" + undoFailed.getMessage()
                            + "); " + staging + " keeps the journal, and the next generate --out " + root + " finishes or rolls back the batch",
                            failure);
                }
                throw failure;
            }
            try {
                finish(staging, journal, JOURNAL);
            } catch (IOException | RuntimeException e) {
                notices.accept(staging + ": every file is in place, but the staging folder could not be removed ("
                        + e.getMessage() + "); the next generate removes it");
            }
        }
        return changed;
    }

    /** Creates the output folder and the folders above it that are missing; returns them, outermost first. */
    private List<Path> createRoot() throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = root.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(0, p);
        }
        List<Path> created = new ArrayList<>();
        try {
            for (Path p : missing) {
                try {
                    Files.createDirectory(p);
                    created.add(p);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(p)) {
                        throw e;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            removeEmptyFolders(created);
            throw e;
        }
        return created;
    }

    private void writeJournal(Path staging, Journal journal) throws IOException {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        for (Path folder : journal.folders()) {
            text.append("folder\t").append(folder).append('\n');
        }
        for (int i = 0; i < journal.targets().size(); i++) {
            Target t = journal.targets().get(i);
            if (t.replaces()) {
                text.append("replace\tnew-").append(i).append("\told-").append(i).append('\t').append(t.relative()).append('\n');
            } else {
                text.append("new\tnew-").append(i).append('\t').append(t.relative()).append('\n');
            }
        }
        text.append(END).append('\n');
        steps.before("journal");
        writeSynced(staging.resolve(JOURNAL_TMP), text.toString().getBytes(StandardCharsets.UTF_8));
        steps.before("commit");
        move(staging.resolve(JOURNAL_TMP), staging.resolve(JOURNAL));
        syncFolder(staging);
    }

    private Journal readJournal(Path file) throws IOException {
        BasicFileAttributes attributes = attributes(file);
        if (attributes == null || !attributes.isRegularFile()) {
            throw new IOException(file + ": not a journal nixpolicy wrote");
        }
        List<String> lines = read(file).lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC) || !lines.get(lines.size() - 1).equals(END)) {
            throw new IOException(file + ": not a journal nixpolicy wrote; its folder is left alone (old-N files are"
                    + " originals moved aside, new-N files new contents): put them back or remove it by hand");
        }
        List<Path> folders = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            String[] f = line.split("\t", -1);
            int i = targets.size();
            if (f.length == 2 && f[0].equals("folder")) {
                folders.add(relative(f[1]));
            } else if (f.length == 3 && f[0].equals("new") && f[1].equals("new-" + i)) {
                targets.add(new Target(f[2], relative(f[2]), false));
            } else if (f.length == 4 && f[0].equals("replace") && f[1].equals("new-" + i) && f[2].equals("old-" + i)) {
                targets.add(new Target(f[3], relative(f[3]), true));
            } else {
                throw new IOException(file + ": not a journal nixpolicy wrote (line \"" + line + "\")");
            }
        }
        return new Journal(folders, targets);
    }

    /** Creates the batch's folders and moves every target into place; a step already done is skipped. */
    private void forward(Path staging, Journal journal) throws IOException {
        for (Path folder : journal.folders()) {
            BasicFileAttributes attributes = walk(folder);
            if (attributes == null) {
                steps.before("mkdir");
                Files.createDirectory(root.resolve(folder));
            } else if (!attributes.isDirectory()) {
                throw new UnsafePathException(root.resolve(folder), "is not a folder", false);
            }
        }
        for (int i = 0; i < journal.targets().size(); i++) {
            Target t = journal.targets().get(i);
            Path fresh = staging.resolve("new-" + i);
            if (!isStagedFile(fresh)) {
                continue;
            }
            Path path = root.resolve(t.path());
            BasicFileAttributes attributes = walk(t.path());
            if (t.replaces() && !isStagedFile(staging.resolve("old-" + i))) {
                if (attributes == null) {
                    throw new UnsafePathException(path, "disappeared while generate ran", false);
                }
                requireRegularFile(path, attributes);
                if (!GeneratedFiles.isGenerated(read(path))) {
                    throw new UnsafePathException(path, "was changed while generate ran and no longer carries nixpolicy's header;"
                            + " refusing to replace it", false);
                }
                steps.before("move-aside");
                move(path, staging.resolve("old-" + i));
                attributes = null;
            }
            if (attributes != null) {
                throw new UnsafePathException(path, "appeared while generate ran; refusing to replace it", false);
            }
            steps.before("move-in");
            move(fresh, path);
        }
    }

    /** Puts every original back, removes every new file and the folders the batch created; a step already done is skipped. */
    private void backward(Path staging, Journal journal) throws IOException {
        for (int i = journal.targets().size() - 1; i >= 0; i--) {
            Target t = journal.targets().get(i);
            Path path = root.resolve(t.path());
            boolean movedIn = !isStagedFile(staging.resolve("new-" + i));
            Path original = staging.resolve("old-" + i);
            if (t.replaces() && isStagedFile(original)) {
                BasicFileAttributes attributes = walk(t.path());
                if (attributes != null && !movedIn) {
                    throw new UnsafePathException(path, "appeared while generate ran; its original is kept in " + original, false);
                }
                if (attributes != null) {
                    requireRegularFile(path, attributes);
                }
                steps.before("move-back");
                move(original, path);
            } else if (!t.replaces() && movedIn) {
                BasicFileAttributes attributes = walk(t.path());
                if (attributes != null && attributes.isRegularFile() && GeneratedFiles.isGenerated(read(path))) {
                    steps.before("remove");
                    Files.delete(path);
                }
            }
        }
        List<Path> folders = new ArrayList<>(journal.folders());
        for (int i = folders.size() - 1; i >= 0; i--) {
            Path folder = root.resolve(folders.get(i));
            BasicFileAttributes attributes;
            try {
                attributes = walk(folders.get(i));
            } catch (UnsafePathException notOurs) {
                continue;
            }
            if (attributes != null && attributes.isDirectory()) {
                try {
                    steps.before("rmdir");
                    Files.delete(folder);
                } catch (DirectoryNotEmptyException kept) {
                    // something else lives there now: it stays
                }
            }
        }
    }

    private static boolean isStagedFile(Path path) throws IOException {
        BasicFileAttributes attributes = attributes(path);
        return attributes != null && attributes.isRegularFile();
    }

    /** Makes the moves durable, then deletes the journal (the batch is over) and the staging folder. */
    private void finish(Path staging, Journal journal, String journalName) throws IOException {
        Set<Path> touched = new LinkedHashSet<>();
        for (Target t : journal.targets()) {
            touched.add(root.resolve(t.path()).getParent());
        }
        for (Path folder : journal.folders()) {
            touched.add(root.resolve(folder).getParent());
        }
        steps.before("sync");
        parallel(new ArrayList<>(touched), OutputFolder::syncFolder);
        steps.before("forget");
        Files.delete(staging.resolve(journalName));
        deleteStaging(staging);
    }

    /** Deletes a staging folder: its journal first, the lock last; never follows a link inside it. */
    private void deleteStaging(Path staging) throws IOException {
        for (String name : List.of(JOURNAL, UNDO)) {
            Files.deleteIfExists(staging.resolve(name));
        }
        steps.before("delete-staging");
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(staging) && !p.equals(staging.resolve(LOCK))) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.deleteIfExists(staging.resolve(LOCK));
        Files.deleteIfExists(staging);
    }

    private static void removeEmptyFolders(List<Path> outermostFirst) {
        for (int i = outermostFirst.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(outermostFirst.get(i));
            } catch (IOException notEmpty) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ recovery

    /** The staging folders in the output folder: batches running or interrupted. */
    public List<Path> pendingBatches() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).sorted().toList();
        }
    }

    /**
     * Finishes or rolls back every batch an interrupted run left; returns one line per batch
     * saying what was done. Throws when a batch is still running in another process.
     */
    public List<String> recover() throws IOException {
        List<String> done = new ArrayList<>();
        for (Path staging : pendingBatches()) {
            done.add(recover(staging));
        }
        return done;
    }

    private String recover(Path staging) throws IOException {
        BasicFileAttributes attributes = attributes(staging);
        if (attributes == null) {
            return staging + ": gone (another run finished it)";
        }
        if (!attributes.isDirectory()) {
            throw new UnsafePathException(staging, "is not a staging folder nixpolicy made (a symbolic link or a file);"
                    + " remove it by hand", attributes.isSymbolicLink());
        }
        try (FileChannel lockFile = FileChannel.open(staging.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (tryLock(lockFile) == null) {
                throw new IOException(staging + ": another nixpolicy generate is writing into " + root
                        + " right now; run again when it has finished");
            }
            if (attributes(staging.resolve(JOURNAL)) != null) {
                Journal journal = readJournal(staging.resolve(JOURNAL));
                try {
                    forward(staging, journal);
                } catch (IOException | RuntimeException failure) {
                    steps.before("undo");
                    move(staging.resolve(JOURNAL), staging.resolve(UNDO));
                    backward(staging, journal);
                    finish(staging, journal, UNDO);
                    return staging + ": an interrupted generate had begun to move " + journal.targets().size()
                            + " file(s) into place; it could not be finished (" + failure.getMessage()
                            + "), so it was rolled back: every file is as before it";
                }
                finish(staging, journal, JOURNAL);
                return staging + ": an interrupted generate had begun to move " + journal.targets().size()
                        + " file(s) into place; finished it: all of them are in place";
            }
            if (attributes(staging.resolve(UNDO)) != null) {
                Journal journal = readJournal(staging.resolve(UNDO));
                backward(staging, journal);
                finish(staging, journal, UNDO);
                return staging + ": an interrupted generate was rolling back " + journal.targets().size()
                        + " file(s); finished the roll-back: every file is as before it";
            }
            deleteStaging(staging);
            return staging + ": removed the staging folder of an interrupted generate that had not changed any file";
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    // ------------------------------------------------------------------ file-system primitives

    /** A rename: atomic, within one file system (a batch never copies a file, which a crash could leave half-written). */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(to + ": cannot be renamed into place from " + from.getParent()
                    + " (another file system below --out?); nixpolicy only renames", e);
        }
    }

    private static void writeSynced(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** fsyncs a folder (its entries), where the file system allows opening one. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // best effort: some file systems and platforms cannot open or sync a folder
        }
    }

    private interface IoAction<T> {
        void run(T item) throws IOException;
    }

    /**
     * Runs an I/O action on many items at once (file systems commit concurrent fsyncs together).
     * Returns or throws only when no action is running any more, so that a failure can be cleaned
     * up after without a straggler writing behind it.
     */
    private static <T> void parallel(List<T> items, IoAction<T> action) throws IOException {
        if (items.size() < 8) {
            for (T item : items) {
                action.run(item);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, items.size()), r -> {
            Thread thread = new Thread(r, "nixpolicy-write");
            thread.setDaemon(true);
            return thread;
        });
        Throwable failure = null;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    action.run(item);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failure = e.getCause();
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
            boolean interrupted = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }
}
