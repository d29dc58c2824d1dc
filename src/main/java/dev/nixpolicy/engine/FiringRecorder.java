package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Fact;
import dev.nixpolicy.facts.ImageCandidate;
import dev.nixpolicy.facts.OverrideFact;
import dev.nixpolicy.facts.Unknown;

import dev.nixpolicy.facts.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

/**
 * Listens to the engine and keeps, for every decision, finding, question and follow-up a
 * rule inserts, the rule that was firing and the evidence in its match. Provenance comes
 * from the engine, so a rule cannot misstate where its decision came from.
 */
final class FiringRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private Match firing;
    private final List<Traced<Object>> inserted = new ArrayList<>();
    private final Set<String> fired = new LinkedHashSet<>();

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = event.getMatch();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        fired.add(event.getMatch().getRule().getName());
        firing = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object object = event.getObject();
        boolean output = object instanceof Decision || object instanceof Finding
                || object instanceof Question || object instanceof FollowUp || object instanceof Required;
        if (!output) {
            return;
        }
        if (firing == null) {
            throw new IllegalStateException(object + " was inserted outside a rule");
        }
        List<String> because = new ArrayList<>();
        List<String> factPaths = new ArrayList<>();
        for (Object matched : firing.getObjects()) {
            if (matched instanceof Evidence evidence && !because.contains(evidence.evidence())) {
                because.add(evidence.evidence());
            }
            String path = matched instanceof Fact fact ? fact.getPath() : matched instanceof Unknown unknown ? unknown.getPath()
                    : matched instanceof OverrideFact ? "overrides"
                    : matched instanceof ImageCandidate image ? "packaging.containerImages[" + image.getPosition() + "]" : null;
            if (path != null && !factPaths.contains(path)) {
                factPaths.add(path);
            }
        }
        inserted.add(new Traced<>(object, new Provenance(RuleInfo.of(firing.getRule()), because, factPaths)));
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {}

    List<Traced<Object>> inserted() { return List.copyOf(inserted); }

    Set<String> fired() { return Set.copyOf(fired); }

}
