package dev.nixpolicy.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;

/**
 * Build step: compiles the shipped rules into the executable model and writes its classes
 * into the class output folder, with the rules' digest and the model class names in
 * {@value PrecompiledRules#RESOURCE}. A run whose rules still have that digest loads them
 * from the classpath instead of compiling (see {@link PrecompiledRules}).
 * <p>Arguments: the rules folder, the class output folder.
 */
public final class PrecompileRules {
    private PrecompileRules() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PrecompileRules RULES_DIR CLASSES_DIR");
            System.exit(2);
        }
        try {
            precompile(Path.of(args[0]), Path.of(args[1]));
        } catch (BadRulesException e) {
            e.problems().forEach(p -> System.err.println("nixpolicy: " + p));
            System.exit(3);
        }
    }

    /** The model classes an executable-model KieModule lists (its drools-model file), to instantiate without a KieContainer. */
    static List<String> modelClasses(InternalKieModule module) {
        String listing = module.getFileNames().stream().filter(n -> n.endsWith("/drools-model")).findFirst()
                .map(n -> new String(module.getBytes(n), StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("the executable model lists no model classes"));
        return listing.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.contains(":")).toList();
    }

    static void precompile(Path rulesDir, Path classesDir) throws BadRulesException, IOException {
        DrlFolder.Sources sources = DrlFolder.Sources.read(rulesDir);
        String digest = sources.digest();
        KieServices kie = KieServices.get();
        ReleaseId release = kie.newReleaseId("dev.nixpolicy.policy", "shipped", "1.0.0");
        InternalKieModule module = DrlFolder.build(kie, release, sources);
        CompiledPolicy policy = CompiledPolicy.of(kie.newKieContainer(release).getKieBase(), digest, "rules");
        PolicyChecks.requireWellFormed(policy, sources.files());

        for (String name : new TreeSet<>(module.getFileNames())) {
            if (name.endsWith(".class")) {
                Path target = classesDir.resolve(name);
                Files.createDirectories(target.getParent());
                Files.write(target, module.getBytes(name));
            }
        }
        List<String> models = modelClasses(module);
        Properties properties = new Properties();
        properties.setProperty("digest", digest);
        properties.setProperty("fingerprint", RuleDigest.fingerprint(rulesDir));
        properties.setProperty("models", String.join(",", models));
        Path target = classesDir.resolve(PrecompiledRules.RESOURCE);
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            properties.store(out, null);
        }
        // Properties.store writes a date comment; keep the file byte-identical across builds.
        List<String> lines = Files.readAllLines(target).stream().filter(l -> !l.startsWith("#")).sorted().toList();
        Files.write(target, lines);
        System.out.println("nixpolicy: precompiled " + policy.rules().size() + " rules (" + digest + ") into " + models);
    }
}
