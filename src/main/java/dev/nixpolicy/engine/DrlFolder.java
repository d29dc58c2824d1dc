package dev.nixpolicy.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/** Compiles every {@code *.drl} file of a folder at run time, with the executable model. */
public final class DrlFolder {
    private static final Pattern RULE_NAME = Pattern.compile("[Rr]ule[: ]+\"?([^\"\\n]+?)\"?(?:[:,.\\n]|$)");

    private final Path dir;
    private final String displayName;
    private final Optional<CompiledRulesCache> cache;

    /** Rules from {@code dir}, named {@code displayName} in records (e.g. "rules" for the shipped ones), compiled every time. */
    public DrlFolder(Path dir, String displayName) {
        this(dir, displayName, Optional.empty());
    }

    /** Rules from {@code dir}, taken from {@code cache} when it holds them compiled and kept there when they are compiled. */
    public DrlFolder(Path dir, String displayName, Optional<CompiledRulesCache> cache) {
        this.dir = dir;
        this.displayName = displayName;
        this.cache = cache;
    }

    public CompiledPolicy load() throws BadRulesException {
        return load(() -> {});
    }

    /** Loads the rules; {@code beforeCompiling} runs only when they must be compiled (seconds), not when a cache has them. */
    public CompiledPolicy load(Runnable beforeCompiling) throws BadRulesException {
        Sources sources = Sources.read(dir);
        Optional<CompiledPolicy> fromCache = cache.flatMap(c -> c.load(sources.digest(), displayName));
        if (fromCache.isPresent()) {
            return fromCache.get();
        }
        beforeCompiling.run();
        if (cache.isPresent()) {
            // The classic engine builds in about half the time of the executable model; it decides
            // this run while a process of its own compiles the executable model into the cache.
            Optional<CompiledPolicy> classic = buildClassic(sources);
            if (classic.isPresent()) {
                PolicyChecks.requireWellFormed(classic.get(), sources.files());
                cache.get().fillInBackground(dir, sources.digest(), displayName);
                return classic.get();
            }
        }
        return compileIntoCache(sources);
    }

    /** Compiles the rules with the executable model, keeping them in the cache when there is one. */
    CompiledPolicy compileIntoCache() throws BadRulesException {
        return compileIntoCache(Sources.read(dir));
    }

    private CompiledPolicy compileIntoCache(Sources sources) throws BadRulesException {
        String digest = sources.digest();
        KieServices kie = KieServices.get();
        ReleaseId release = kie.newReleaseId("dev.nixpolicy.policy", "rules-" + digest.substring(7, 23), "1.0.0");
        org.drools.compiler.kie.builder.impl.InternalKieModule module = build(kie, release, sources);
        KieContainer container = kie.newKieContainer(release);
        CompiledPolicy policy = CompiledPolicy.of(container.getKieBase(), digest, displayName);
        PolicyChecks.requireWellFormed(policy, sources.files());
        cache.ifPresent(c -> c.store(digest, module));
        return policy;
    }

    /**
     * A folder's DRL files read once: the digest a cache entry is kept under and the rules
     * compiled into it come from the same bytes, so a file saved while a run or the background
     * compile starts cannot put one edit's rules under another edit's digest.
     */
    record Sources(Map<Path, byte[]> contents, String digest) {
        static Sources read(Path dir) throws BadRulesException {
            Map<Path, byte[]> contents = new LinkedHashMap<>();
            try {
                for (Path file : drlFilesOf(dir)) {
                    contents.put(file, Files.readAllBytes(file));
                }
            } catch (IOException e) {
                throw new BadRulesException(dir + ": cannot read rules: " + e.getMessage());
            }
            return new Sources(contents, RuleDigest.of(contents));
        }

        List<Path> files() {
            return List.copyOf(contents.keySet());
        }
    }

    /**
     * The rules built by the classic (MVEL) engine, or empty when it reports any error: the
     * executable model then compiles them and says what is wrong in the words the rest of
     * nixpolicy uses (file, line and rule).
     */
    Optional<CompiledPolicy> buildClassic(Sources sources) {
        String digest = sources.digest();
        KieServices kie = KieServices.get();
        ReleaseId release = kie.newReleaseId("dev.nixpolicy.policy", "classic-" + digest.substring(7, 23), "1.0.0");
        KieFileSystem kfs = kie.newKieFileSystem();
        kfs.generateAndWritePomXML(release);
        sources.contents().forEach((file, content) -> kfs.write("src/main/resources/nixpolicy/rules/" + file.getFileName(), content));
        KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            return Optional.empty();
        }
        return Optional.of(CompiledPolicy.of(kie.newKieContainer(release).getKieBase(), digest, displayName));
    }

    /** Compiles the DRL files into an executable-model KieModule; compiler errors become {@link BadRulesException}. */
    static org.drools.compiler.kie.builder.impl.InternalKieModule build(KieServices kie, ReleaseId release, Sources sources)
            throws BadRulesException {
        KieFileSystem kfs = kie.newKieFileSystem();
        kfs.generateAndWritePomXML(release);
        Map<String, Path> byResourcePath = new HashMap<>();
        sources.contents().forEach((file, content) -> {
            String resourcePath = "src/main/resources/nixpolicy/rules/" + file.getFileName();
            byResourcePath.put(resourcePath, file);
            kfs.write(resourcePath, content);
        });
        KieBuilder builder = kie.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (Message error : errors) {
                // The parser adds this after any syntax error of the same file; it says nothing more.
                if (errors.size() > 1 && String.valueOf(error.getText()).contains("Parser returned a null Package")) {
                    continue;
                }
                problems.add(describe(error, byResourcePath));
            }
            throw new BadRulesException(problems.stream().distinct().toList());
        }
        return (org.drools.compiler.kie.builder.impl.InternalKieModule) builder.getKieModule();
    }

    /** The folder's DRL files, refusing a folder that is missing or has none. */
    static List<Path> drlFilesOf(Path dir) throws BadRulesException {
        try {
            if (!Files.isDirectory(dir)) {
                throw new BadRulesException(dir + ": rules folder not found");
            }
            List<Path> files = RuleDigest.drlFiles(dir);
            if (files.isEmpty()) {
                throw new BadRulesException(dir + ": no .drl files");
            }
            return files;
        } catch (IOException e) {
            throw new BadRulesException(dir + ": cannot read rules: " + e.getMessage());
        }
    }

    private static String describe(Message error, Map<String, Path> byResourcePath) {
        Path file = fileOf(error.getPath(), byResourcePath);
        String where = file == null ? (error.getPath() == null ? "rules" : error.getPath()) : file.toString();
        String text = error.getText() == null ? "" : error.getText().strip().replaceAll("\\s*\\n\\s*", " ");
        Matcher rule = RULE_NAME.matcher(text);
        String ruleName = rule.find() ? rule.group(1).strip() : null;
        int line = error.getLine();
        if (line <= 0 && file != null && ruleName != null) {
            line = LineOfRule.find(file, ruleName);
        }
        if (line <= 0 && file != null) {
            line = LineOfRule.lineContaining(file, text);
        }
        if (ruleName == null && file != null && line > 0) {
            ruleName = LineOfRule.enclosingRule(file, line);
        }
        return where + (line > 0 ? ":" + line : "") + (ruleName != null ? ": rule \"" + ruleName + "\"" : "")
                + ": " + text;
    }

    private static Path fileOf(String messagePath, Map<String, Path> byResourcePath) {
        if (messagePath == null) {
            return null;
        }
        for (Map.Entry<String, Path> entry : byResourcePath.entrySet()) {
            if (entry.getKey().endsWith("/" + messagePath) || entry.getKey().equals(messagePath)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
