package dev.nixpolicy.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * The shipped rules as the build compiled them: the executable-model classes on the
 * classpath, turned into a KieBase directly (no KieContainer, no compiler). Used only while
 * the rules folder still has the digest the build saw.
 */
public final class PrecompiledRules {
    static final String RESOURCE = "nixpolicy/precompiled-rules.properties";

    private final String digest;
    private final List<String> models;
    private final String displayName;

    private PrecompiledRules(String digest, List<String> models, String displayName) {
        this.digest = digest;
        this.models = models;
        this.displayName = displayName;
    }

    /** The precompiled rules if the build made them from files with this {@link RuleDigest#fingerprint}. */
    public static Optional<PrecompiledRules> withFingerprint(String fingerprint, String displayName) {
        return read("fingerprint", fingerprint, displayName);
    }

    private static Optional<PrecompiledRules> read(String property, String expected, String displayName) {
        try (InputStream in = PrecompiledRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            if (!expected.equals(properties.getProperty(property))) {
                return Optional.empty();
            }
            List<String> models = List.of(properties.getProperty("models", "").split(","));
            return Optional.of(new PrecompiledRules(properties.getProperty("digest"), models, displayName));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    public CompiledPolicy load() throws BadRulesException {
        List<Model> instances = new ArrayList<>();
        for (String name : models) {
            try {
                instances.add((Model) Class.forName(name).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new BadRulesException("precompiled rules: cannot load model " + name + ": " + e
                        + " (rebuild with ./mvnw package)");
            }
        }
        KieBase kieBase = KieBaseBuilder.createKieBaseFromModel(instances);
        return CompiledPolicy.of(kieBase, digest, displayName);
    }
}
