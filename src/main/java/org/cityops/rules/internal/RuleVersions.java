package org.cityops.rules.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/** Reads rule versions' definitions, parsed once and cached (a stored version never changes). */
@Component
class RuleVersions {

    private final RuleStore store;
    private final ObjectMapper json;
    private final Map<String, RuleDefinition> cache = new ConcurrentHashMap<>();

    RuleVersions(RuleStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Returns the definition of the rule's version, or {@code null} when there is no such version. */
    RuleDefinition definition(long ruleId, int version) {
        String key = ruleId + "@" + version;
        RuleDefinition d = cache.get(key);
        if (d == null) {
            d = store.version(ruleId, version).map(v -> parse(v.definition())).orElse(null);
            if (d != null) {
                cache.put(key, d);
            }
        }
        return d;
    }

    /** Returns the definition as stored. */
    String write(RuleDefinition d) {
        return json.writeValueAsString(d);
    }

    /** Returns the stored definition. */
    RuleDefinition parse(String stored) {
        return json.readValue(stored, RuleDefinition.class);
    }
}
