package dev.shadowparity.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.core.JsonPaths;

/**
 * One way an answer breaks its operation's contract.
 *
 * @param path    where in the answer: {@code status}, {@code content-type}, or a JSON path such as {@code $.items[2].id}
 * @param rule    the schema keyword or contract rule broken: {@code type}, {@code required}, {@code additionalProperties},
 *                {@code enum}, {@code format}, {@code status}, {@code content-type}, …
 * @param message what is wrong, in words; never the answer's value, which may be a secret
 * @param spec    where the rule is written, {@code file:line}
 * @param pointer the rule's JSON pointer in that file, {@code schemas.yaml#/Pet/properties/id/type}
 */
public record Violation(String path, String rule, String message, String spec, String pointer) {

    /** Two sides break the same rule at the same place (any array index): how a violation both share is recognised. */
    String key() {
        return rule + " " + JsonPaths.generalise(path);
    }

    /** The violation as a difference's value shows it. */
    JsonNode asJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("violation", message);
        o.put("rule", rule);
        o.put("spec", spec);
        o.put("pointer", pointer);
        return o;
    }
}
