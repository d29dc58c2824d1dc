package dev.nixpolicy.cli;

import dev.nixpolicy.pipeline.RulesLoading;
import dev.nixpolicy.pipeline.RulesSource;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts loading the rules on a second core before the command line is even parsed: on a
 * cold JVM that overlaps the two slowest steps of a start (picocli's own start-up and the
 * rules). The folder is chosen as the command will choose it ({@code --rules}, else
 * {@code .nixpolicy.yaml}, else the shipped rules, see {@link UserConfig}); when that cannot be
 * settled (a config file that cannot be read, a folder that is missing) nothing is preloaded
 * and the command reports the problem. Only a load for exactly the folder the command then asks
 * for is used ({@link RulesLoading}).
 */
final class RulesPreload {
    private RulesPreload() {}

    /** Looks ahead in the arguments of {@code decide}, {@code generate} or {@code test} (and in .nixpolicy.yaml) for the rules folder and starts loading it. */
    static void start(String[] args, PrintWriter err) {
        List<String> list = List.of(args);
        if (list.isEmpty() || !List.of("decide", "generate", "test").contains(list.get(0))
                || list.contains("--help") || list.contains("-h")) {
            return;
        }
        Path dir = null;
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).equals("--rules") && i + 1 < list.size()) {
                dir = Path.of(list.get(i + 1));
            } else if (list.get(i).startsWith("--rules=")) {
                dir = Path.of(list.get(i).substring("--rules=".length()));
            }
        }
        ProjectLayout layout = ProjectLayout.locate();
        if (dir == null) {
            try {
                dir = UserConfig.ofWorkingDirectory().rules(null, layout).orElse(null);
            } catch (dev.nixpolicy.facts.BadInputException | SourceNotFoundException reportedByTheCommand) {
                return;
            }
        }
        RulesLoading.preload(RulesSource.of(dir, layout.rules()), message -> err.println("nixpolicy: " + message));
    }
}
