package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What is already true of the host a service lands on (facts-v1, host file). */
public record HostFacts(
        @JsonProperty(required = true) ApiVersion apiVersion,
        @JsonProperty(required = true) ServiceName host,
        @JsonProperty(required = true) String domain,
        UidRange uidRange,
        Map<Integer, String> uids,
        Map<Integer, String> gids,
        Map<Integer, String> ports,
        List<List<Integer>> busyPortRanges,
        String backupRepository,
        String podmanNetwork,
        String tunnel,
        List<String> nfsMounts) {

    public HostFacts {
        uids = uids == null ? new TreeMap<>() : new TreeMap<>(uids);
        gids = java.util.Collections.unmodifiableSortedMap(gids == null ? new TreeMap<>() : new TreeMap<>(gids));
        ports = ports == null ? new TreeMap<>() : new TreeMap<>(ports);
        busyPortRanges = busyPortRanges == null ? List.of()
                : busyPortRanges.stream().map(r -> r == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        nfsMounts = nfsMounts == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(nfsMounts));
        uids = java.util.Collections.unmodifiableSortedMap((SortedMap<Integer, String>) uids);
        ports = java.util.Collections.unmodifiableSortedMap((SortedMap<Integer, String>) ports);
    }

    /** This host with more UIDs and ports held (by services decided earlier in the same batch); what it already holds stays. */
    public HostFacts withAllocations(Map<Integer, String> moreUids, Map<Integer, String> morePorts) {
        Map<Integer, String> allUids = new TreeMap<>(uids);
        moreUids.forEach(allUids::putIfAbsent);
        Map<Integer, String> allPorts = new TreeMap<>(ports);
        morePorts.forEach(allPorts::putIfAbsent);
        return new HostFacts(apiVersion, host, domain, uidRange, allUids, gids, allPorts, busyPortRanges, backupRepository,
                podmanNetwork, tunnel, nfsMounts);
    }

    public record UidRange(@JsonProperty(required = true) Integer min, @JsonProperty(required = true) Integer max) {}
}
