package dev.nixpolicy.facts;

import java.util.List;

public record MqttNeeds(List<String> topics) {
    public MqttNeeds {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }
}
