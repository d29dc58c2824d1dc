package dev.nixpolicy.pipeline;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Services of one batch must not share a UID or a port (001 "ALWAYS scan for UID/port
 * conflicts"), yet each was decided against the host alone, in parallel. Taken in batch order,
 * a service whose UID or port an earlier one already took is decided again against the host
 * plus everything the earlier ones took; its rules then skip those like any other allocation.
 * That is what deciding them one after another would give, so the result does not depend on
 * scheduling.
 */
final class DistinctAllocations {
    /** The decisions that take a UID or a port on the host. */
    private static final List<String> UID_KEYS = List.of("uid");
    private static final List<String> PORT_KEYS = List.of("port", "metricsPort");

    private DistinctAllocations() {}

    /** Decides the service at {@code index} of the batch against {@code host}. */
    @FunctionalInterface
    interface Redecide {
        DecisionRecord decide(int index, HostFacts host) throws BadRulesException;
    }

    /**
     * @param facts   each service's facts, in batch order (null where the file could not be used)
     * @param records each service's record decided against {@code host} alone (null where facts are null)
     */
    static List<DecisionRecord> separate(List<ServiceFacts> facts, List<DecisionRecord> records, HostFacts host,
                                         Redecide decide) throws BadRulesException {
        Map<Integer, String> takenUids = new TreeMap<>();
        Map<Integer, String> takenPorts = new TreeMap<>();
        List<DecisionRecord> separated = new ArrayList<>(records);
        for (int i = 0; i < records.size(); i++) {
            DecisionRecord record = records.get(i);
            if (record == null) {
                continue;
            }
            String service = facts.get(i).service().value();
            if (collides(record, UID_KEYS, takenUids) || collides(record, PORT_KEYS, takenPorts)) {
                record = decide.decide(i, host.withAllocations(takenUids, takenPorts));
                separated.set(i, record);
            }
            take(record, UID_KEYS, takenUids, service);
            take(record, PORT_KEYS, takenPorts, service);
        }
        return separated;
    }

    private static boolean collides(DecisionRecord record, List<String> keys, Map<Integer, String> taken) {
        return keys.stream().map(record::decision).flatMap(java.util.Optional::stream)
                .map(RecordedDecision::value).anyMatch(v -> v instanceof Integer n && taken.containsKey(n));
    }

    private static void take(DecisionRecord record, List<String> keys, Map<Integer, String> taken, String service) {
        keys.stream().map(record::decision).flatMap(java.util.Optional::stream)
                .map(RecordedDecision::value).forEach(v -> {
                    if (v instanceof Integer n) {
                        taken.putIfAbsent(n, service);
                    }
                });
    }
}
