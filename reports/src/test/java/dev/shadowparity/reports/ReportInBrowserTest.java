package dev.shadowparity.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.testkit.HeadlessChromium;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated report read the way a reviewer reads it: rendered by a real browser, with assertions on the
 * text the page shows (scripts and their embedded data stripped), and a screenshot kept as a build artefact
 * in {@code reports/target/report-screenshots/}.
 */
class ReportInBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    /** What a person sees: the DOM's text without scripts (which embed the report's data, visible or not). */
    private static String visibleText(String dom) {
        String noScripts = dom.replaceAll("(?s)<script.*?</script>", " ");
        return noScripts.replaceAll("<[^>]+>", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ");
    }

    @Test
    void theFailedEndpointAndItsDifferingFieldAreOnThePage(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.findOrSkip(dir);
        RunReport.Written w = PlantedRun.write(dir.resolve("run"), PlantedRun.suite(), 0);
        assertThat(w.htmlError()).isNull();
        String report = w.html().toUri().toString();

        // The categories tree: the regression's category, its message and the failed endpoint under it.
        String categories = chromium.dom(report + "#categories");
        assertThat(visibleText(categories)).contains("Regression")
                .contains("$.lastName missing in 4 of 10").contains("GET /api/students/{id}");
        Matcher leaf = Pattern.compile("href=\"(#categories/[0-9a-f]+/[0-9a-f]+/)\"[^>]*>\\s*<div class=\"node__title\"[^>]*>"
                + "(?:(?!</a>).)*?GET /api/students/\\{id}", Pattern.DOTALL).matcher(categories);
        assertThat(leaf.find()).as("a link to the failed endpoint's page").isTrue();

        // The endpoint's own page: failed, with the field, its example values and the reproduction attachments.
        String page = report + leaf.group(1);
        String text = visibleText(chromium.dom(page));
        assertThat(text).contains("Failed").contains("GET /api/students/{id}")
                .contains("$.lastName (missing, 4x)").contains("primary: \"Hopper\"")
                .contains("differences (side by side)").contains("curl: candidate").contains("request (redacted)");
        for (String secret : PlantedRun.SECRETS) {
            assertThat(text).as("what the page shows").doesNotContain(secret);
        }
        chromium.screenshot(page, SCREENSHOTS.resolve("failed-endpoint.png"));
        chromium.screenshot(report + "#", SCREENSHOTS.resolve("overview.png"));
    }

    @Test
    void aDecisionFieldShowsItsFlipsAsAMatrixInTheBrowser(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.findOrSkip(dir);
        var endpoint = dev.shadowparity.core.EndpointKey.parse("POST /api/ml/batch-match");
        dev.shadowparity.comparators.Ledger ledger = new dev.shadowparity.comparators.Ledger();
        String[][] flips = {{"confident", "uncertain"}, {"confident", "uncertain"}, {"uncertain", "none"}};
        for (int i = 0; i < flips.length; i++) {
            var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
            ledger.record(dev.shadowparity.testkit.PlantedLedger.compared(i + 1, endpoint, java.util.List.of(
                    new dev.shadowparity.core.Difference(endpoint, "$.matches[0].distance", dev.shadowparity.core.DifferenceKind.DECISION,
                            f.objectNode().put("value", 0.499).put("band", flips[i][0]),
                            f.objectNode().put("value", 0.501).put("band", flips[i][1]), null))));
        }
        var verdict = new dev.shadowparity.gate.Gate(dev.shadowparity.gate.GateSetup.of(PlantedRun.suite())).evaluate(ledger.snapshot());
        Path page = dir.resolve("decisions.html");
        java.nio.file.Files.writeString(page, DiffHtml.page("ml", verdict.endpoints().get(0)));
        String text = visibleText(chromium.dom(page.toUri().toString()));
        assertThat(text).contains("$.matches[*].distance decision 3")
                .contains("Decisions flipped at $.matches[*].distance (3)")
                .contains("primary \\ candidate none uncertain confident 2 uncertain 1");
        chromium.screenshot(page.toUri().toString(), SCREENSHOTS.resolve("decision-matrix.png"));

        // In the Allure report's own page of the endpoint too, each cell shaded by its share of the most frequent flip.
        String allurePage = allurePageOf(chromium, dir, verdict, "POST /api/ml/batch-match");
        String dom = chromium.dom(allurePage);
        assertThat(visibleText(dom)).contains("Decisions flipped at $.matches[*].distance (3)")
                .contains("primary \\ candidate none uncertain confident 2 uncertain 1");
        Matcher cells = Pattern.compile("data-share=\"([0-9.]+)\" style=\"[^\"]*background:rgba\\(214,39,40,([0-9.]+)\\)").matcher(dom);
        java.util.List<String> shades = new java.util.ArrayList<>();
        while (cells.find()) {
            shades.add(cells.group(1) + "@" + cells.group(2));
        }
        assertThat(shades).as("confident → uncertain (2) darkest, uncertain → none (1) half as often").containsExactly("1.00@1.00", "0.50@0.58");
        chromium.screenshot(allurePage, SCREENSHOTS.resolve("decision-matrix-allure.png"));
    }

    /** The Allure report of {@code verdict} written under {@code dir}, and the address of {@code endpoint}'s page in it. */
    private static String allurePageOf(HeadlessChromium chromium, Path dir, dev.shadowparity.gate.Verdict verdict, String endpoint)
            throws Exception {
        RunReport.Written w = RunReport.write(dir.resolve("run"), verdict, 0);
        assertThat(w.htmlError()).isNull();
        String report = w.html().toUri().toString();
        String categories = chromium.dom(report + "#categories");
        Matcher leaf = Pattern.compile("href=\"(#categories/[0-9a-f]+/[0-9a-f]+/)\"[^>]*>\\s*<div class=\"node__title\"[^>]*>"
                + "(?:(?!</a>).)*?" + Pattern.quote(endpoint), Pattern.DOTALL).matcher(categories);
        assertThat(leaf.find()).as("a link to the page of " + endpoint).isTrue();
        return report + leaf.group(1);
    }

    @Test
    void aBiasedDriftIsAHistogramAndRankedListsTheirFiguresOnTheEndpointsPage(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.findOrSkip(dir);
        var endpoint = dev.shadowparity.core.EndpointKey.parse("POST /api/ml/score");
        dev.shadowparity.comparators.Ledger ledger = new dev.shadowparity.comparators.Ledger();
        for (int i = 1; i <= 40; i++) {
            // inside any tolerance, but upward 37 times in 40: a bias
            double drift = i % 13 == 0 ? -0.0002 : 0.0001 * (1 + i % 9);
            var planted = dev.shadowparity.testkit.PlantedLedger.compared(i, endpoint,
                    java.util.List.of(dev.shadowparity.testkit.PlantedLedger.missing(endpoint, "$.model")));
            ledger.record(new dev.shadowparity.core.ExchangeResult(planted.exchange(), planted.outcome(), null,
                    planted.differences(), java.util.List.of(),
                    java.util.List.of(new dev.shadowparity.core.Drift("$.scores[0]", 0.5, 0.5 + drift),
                            dev.shadowparity.core.Drift.cosine("$.embedding", 1 - 0.0001 * (i % 10))),
                    i <= 4 ? java.util.List.of(new dev.shadowparity.core.Ranking("$.results", 0.5, 1.0, i % 2 == 0)) : java.util.List.of()));
        }
        var verdict = new dev.shadowparity.gate.Gate(dev.shadowparity.gate.GateSetup.of(PlantedRun.suite())).evaluate(ledger.snapshot());
        var histogram = verdict.endpoints().get(0).drift().get("$.scores[*]").histogram();
        assertThat(histogram.sampled()).isEqualTo(40);
        assertThat(histogram.from()).isEqualTo(-0.0009, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(histogram.counts().subList(0, 10).stream().mapToLong(Long::longValue).sum()).as("below 0").isEqualTo(3);
        assertThat(histogram.counts().subList(10, 20).stream().mapToLong(Long::longValue).sum()).as("above 0").isEqualTo(37);

        String page = allurePageOf(chromium, dir, verdict, "POST /api/ml/score");
        String dom = chromium.dom(page);
        // Drawn in the test's own page, not only given as numbers: twenty bars either side of a dashed zero.
        assertThat(dom).contains("aria-label=\"histogram of the signed drift at $.scores[*]\"");
        Matcher bars = Pattern.compile("<rect [^>]*height=\"(\\d+)\"").matcher(dom);
        int drawn = 0;
        while (bars.find()) {
            drawn++;
        }
        assertThat(drawn).as("bars drawn, twenty for each histogram").isGreaterThanOrEqualTo(40);
        assertThat(visibleText(dom)).contains("Signed drift at $.scores[*] : 40 values, mean shift +0.000425, p99 |drift| 0.000900")
                .contains("candidate − primary")
                .contains("Ranked lists").contains("$.results 4 of 40 0.9500 1.0000 95.00%")
                .contains("Cosine similarity at $.embedding : 40 vectors that differ, mean 0.999550, 1st percentile 0.999100,"
                        + " lowest 0.999100").contains("0.9991000").contains("cosine similarity to the primary's vector");
        assertThat(dom).contains("aria-label=\"histogram of the cosine similarity at $.embedding\"");
        chromium.screenshot(page, SCREENSHOTS.resolve("drift-histogram.png"));
    }
}
