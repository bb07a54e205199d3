package dev.shadowparity.junit5;

import dev.shadowparity.core.Difference;
import java.util.List;

/**
 * What one request to both backends came to: its endpoint, how it ended ({@code compared}, or why not), and the
 * differences found, real ones ({@link #regressions}) and noise. Values are as the suite's redaction shows them.
 *
 * @param endpoint    the endpoint by the suite's routes, such as {@code GET /api/students/{id}}
 * @param outcome     {@code compared}, {@code failed}, {@code timeout}, {@code dropped} or {@code skipped}
 * @param reason      why it was not compared, or {@code null}
 * @param differences every difference, noise included (each says why it is noise)
 */
public record Comparison(String endpoint, String outcome, String reason, List<Difference> differences) {

    public Comparison {
        differences = List.copyOf(differences);
    }

    /** The differences that are not noise: what fails a test. */
    public List<Difference> regressions() {
        return differences.stream().filter(d -> !d.isNoise()).toList();
    }

    /** The differences explained as noise (ignored paths, volatile values, what the secondary shares). */
    public List<Difference> noise() {
        return differences.stream().filter(Difference::isNoise).toList();
    }

    /** Compared, with no regression. */
    public boolean agrees() {
        return "compared".equals(outcome) && regressions().isEmpty();
    }
}
