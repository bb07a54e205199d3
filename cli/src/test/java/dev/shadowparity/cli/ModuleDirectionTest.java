package dev.shadowparity.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house, one way: each module's main code imports only the modules below it on the line command → run →
 * proxy / replay / load → exchange sink (compare) → ledger → gate → renderers. The README draws the same table; this
 * test keeps it true. The cli sees every module on its class path, so the rules are checked here.
 */
class ModuleDirectionTest {

    /** Module (its package under dev.shadowparity) → the modules its main code may import. */
    static final Map<String, List<String>> MAY_IMPORT = new LinkedHashMap<>();

    static {
        MAY_IMPORT.put("core", List.of());
        MAY_IMPORT.put("comparators", List.of("core"));
        // An OpenAPI contract: the spec's operations as routes, each answer held to it; the run applies it after comparing.
        MAY_IMPORT.put("contract", List.of("core"));
        // The clients backends are sent to (HTTP/1.1, HTTP/2, TLS), for the proxy and the replay alike.
        MAY_IMPORT.put("upstream", List.of("core"));
        // The admin endpoints read the ledger; what is compared and how is the sink's business (rules below).
        MAY_IMPORT.put("proxy", List.of("core", "comparators", "upstream"));
        MAY_IMPORT.put("scenarios", List.of("core", "upstream"));
        MAY_IMPORT.put("load", List.of("core", "upstream"));
        // Past one process: publishing, the workers' transactions, the group's results; what a worker compares with
        // and how it sends are handed to it by the run.
        MAY_IMPORT.put("kafka", List.of("core", "comparators"));
        MAY_IMPORT.put("gate", List.of("core", "comparators"));
        MAY_IMPORT.put("reports", List.of("core", "gate"));
        MAY_IMPORT.put("demo", List.of("core"));
        MAY_IMPORT.put("run", List.of("core", "comparators", "contract", "upstream", "proxy", "scenarios", "load", "kafka", "gate", "reports", "demo"));
        // The JUnit 5 extension: the replay's sending and the comparator's rules, inside a user's test class.
        MAY_IMPORT.put("junit5", List.of("core", "comparators", "contract", "scenarios", "gate", "reports"));
        // Parses options into the engines' settings records and prints verdicts; everything it does goes through run.
        MAY_IMPORT.put("cli", List.of("core", "contract", "scenarios", "load", "kafka", "gate", "reports", "run"));
    }

    static final List<String> ALL = List.of("core", "comparators", "contract", "upstream", "proxy", "scenarios", "load", "kafka", "gate", "reports", "demo",
            "run", "junit5", "cli", "testkit", "jmh");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shadowparity");
    }

    @Test
    void everyModuleOfTheProductIsOnTheClassPathToBeChecked() {
        for (String module : MAY_IMPORT.keySet()) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.shadowparity." + module)))
                    .as(module).isTrue();
        }
    }

    @Test
    void eachModuleImportsOnlyTheModulesBelowIt() {
        MAY_IMPORT.forEach((module, allowed) -> {
            String[] forbidden = ALL.stream().filter(m -> !m.equals(module) && !allowed.contains(m))
                    .map(m -> "dev.shadowparity." + m + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.shadowparity." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because(module + " sits below " + String.join(", ", List.of(forbidden)) + " on the one-way line")
                    .check(classes);
        });
    }

    @Test
    void theGateDecidesWithoutGatlingOrAllure() {
        noClasses().that().resideInAPackage("dev.shadowparity.gate..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gatling..", "io.qameta..")
                .check(classes);
    }

    @Test
    void theProxyAndTheReplayKnowNothingOfDiffRules() {
        noClasses().that().resideInAnyPackage("dev.shadowparity.proxy..", "dev.shadowparity.scenarios..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("ExchangeComparator")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("ComparePipeline")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("RouteRules")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("JsonDiffer")
                .check(classes);
    }

    @Test
    void renderersAndTheCommandLineDecideNothing() {
        // A renderer shows the gate's verdict; it never reads a ledger or builds a verdict of its own.
        noClasses().that().resideInAnyPackage("dev.shadowparity.reports..", "dev.shadowparity.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.shadowparity.gate.Gate")
                .orShould().dependOnClassesThat().resideInAPackage("dev.shadowparity.comparators..")
                .check(classes);
    }
}
