package dev.shadowparity.contract;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openapitools.openapidiff.core.compare.OpenApiDiff;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;

/**
 * What changed between two versions of a spec, as openapi-diff judges it (a removed operation, a new required
 * parameter, a narrowed type, a removed response field are breaking; additions are not), listed one change a line by
 * the operation it touches. A response field removed is breaking here even where openapi-diff would let it pass.
 *
 * @param breaking   changes a client of the old spec can be broken by
 * @param compatible changes it cannot
 */
public record ContractDiff(List<String> breaking, List<String> compatible) {

    public boolean isBreaking() {
        return !breaking.isEmpty();
    }

    public static ContractDiff between(OpenApiContract older, OpenApiContract newer) {
        // OpenApiCompare would load swagger-parser's Swagger 2 converter; the specs are read already
        ChangedOpenApi diff = OpenApiDiff.compare(older.model(), newer.model(), OpenApiDiffOptions.builder().build());
        List<String> breaking = new ArrayList<>();
        List<String> compatible = new ArrayList<>();
        for (Endpoint e : diff.getMissingEndpoints()) {
            breaking.add(route(e) + ": operation removed");
        }
        for (Endpoint e : diff.getNewEndpoints()) {
            compatible.add(route(e) + ": operation added");
        }
        for (ChangedOperation op : diff.getChangedOperations()) {
            String route = op.getHttpMethod() + " " + op.getPathUrl();
            List<String> lines = new ArrayList<>();
            List<String> fine = new ArrayList<>();
            operation(op, lines, fine);
            if (op.isIncompatible() && lines.isEmpty()) {
                lines.add("changed incompatibly");
            }
            lines.forEach(l -> breaking.add(route + ": " + l));
            if (!op.isIncompatible() && fine.isEmpty() && lines.isEmpty()) {
                fine.add("changed compatibly");
            }
            fine.forEach(l -> compatible.add(route + ": " + l));
        }
        return new ContractDiff(List.copyOf(breaking), List.copyOf(compatible));
    }

    private static void operation(ChangedOperation op, List<String> breaking, List<String> compatible) {
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters().getIncreased()) {
                (Boolean.TRUE.equals(p.getRequired()) ? breaking : compatible)
                        .add((Boolean.TRUE.equals(p.getRequired()) ? "new required " : "new optional ") + p.getIn() + " parameter '" + p.getName() + "'");
            }
            for (Parameter p : op.getParameters().getMissing()) {
                breaking.add(p.getIn() + " parameter '" + p.getName() + "' removed");
            }
            for (ChangedParameter p : op.getParameters().getChanged()) {
                if (p.isIncompatible()) {
                    breaking.add(p.getIn() + " parameter '" + p.getName() + "' changed"
                            + (p.isChangeRequired() ? ": now required" : "") + schema(p.getSchema(), "parameter"));
                }
            }
        }
        if (op.getRequestBody() != null && op.getRequestBody().isIncompatible()) {
            breaking.add("request body changed incompatibly");
        }
        ChangedApiResponse responses = op.getApiResponses();
        if (responses != null) {
            responses.getMissing().keySet().forEach(status -> breaking.add("response " + status + " removed"));
            responses.getIncreased().keySet().forEach(status -> compatible.add("response " + status + " added"));
            for (Map.Entry<String, ChangedResponse> r : responses.getChanged().entrySet()) {
                ChangedResponse changed = r.getValue();
                if (changed.getContent() == null) {
                    continue;
                }
                changed.getContent().getMissing().keySet().forEach(m -> breaking.add("response " + r.getKey() + ": " + m + " removed"));
                for (Map.Entry<String, ChangedMediaType> m : changed.getContent().getChanged().entrySet()) {
                    String at = "response " + r.getKey() + " " + m.getKey() + ": ";
                    List<String> removed = new ArrayList<>();
                    List<String> added = new ArrayList<>();
                    responseSchema(m.getValue().getSchema(), "$", removed, added);
                    if (m.getValue().isIncompatible() && removed.isEmpty()) {
                        removed.add("schema changed incompatibly");
                    }
                    removed.forEach(f -> breaking.add(at + f));
                    added.forEach(f -> compatible.add(at + f));
                }
            }
        }
    }

    /**
     * The response fields removed and the types changed, walking the changed properties ({@code $.tag removed}): breaking
     * here even where openapi-diff calls an optional field's removal compatible, since a client may read it; fields
     * added are compatible.
     */
    private static void responseSchema(ChangedSchema s, String path, List<String> breaking, List<String> compatible) {
        if (s == null) {
            return;
        }
        if (s.isChangedType()) {
            breaking.add(path + " type changed from " + type(s.getOldSchema()) + " to " + type(s.getNewSchema()));
        }
        s.getMissingProperties().keySet().forEach(name -> breaking.add(path + "." + name + " removed"));
        s.getIncreasedProperties().keySet().forEach(name -> compatible.add(path + "." + name + " added"));
        s.getChangedProperties().forEach((name, child) -> responseSchema(child, path + "." + name, breaking, compatible));
        if (s.getItems() != null) {
            responseSchema(s.getItems(), path + "[*]", breaking, compatible);
        }
    }

    private static String schema(ChangedSchema s, String what) {
        if (s == null) {
            return "";
        }
        if (s.isChangedType()) {
            return ": type changed from " + type(s.getOldSchema()) + " to " + type(s.getNewSchema());
        }
        return s.getEnumeration() != null && s.getEnumeration().isIncompatible() ? ": " + what + " values narrowed" : "";
    }

    private static String type(Schema<?> s) {
        if (s == null) {
            return "none";
        }
        if (s.getType() != null) {
            return s.getType();
        }
        return s.getTypes() != null && !s.getTypes().isEmpty() ? String.join("|", s.getTypes()) : "any";
    }

    private static String route(Endpoint e) {
        return e.getMethod() + " " + e.getPathUrl();
    }
}
