package dev.nixpolicy.testing;

import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.render.GeneratedFiles;
import dev.nixpolicy.render.Rationale;
import dev.nixpolicy.render.RecordWriter;
import dev.nixpolicy.render.Templates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs approved per example: the record (JSON), the rationale (Markdown) and, when
 * generate would write them, the module and the host file. The policy digest is masked so
 * that a rule edit shows as the decisions it changes, not as a new digest in every file.
 */
public final class Snapshots {
    public static final String DIGEST_MASK = "sha256:<policy digest>";

    private Snapshots() {}

    /** Snapshot file name (with extension) to content. */
    public static Map<String, String> of(DecisionRecord record, Templates templates) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("record.json", RecordWriter.json(record));
        out.put("rationale.md", new Rationale(templates).render(record));
        if (!record.hasErrors()) {
            Map<String, String> files = new GeneratedFiles(templates).render(record);
            out.put("module.nix", files.get(GeneratedFiles.modulePath(record)));
            out.put("host.nix", files.get(GeneratedFiles.hostPath(record)));
        }
        out.replaceAll((name, text) -> text.replace(record.policy().digest(), DIGEST_MASK));
        return out;
    }
}
