package dev.shadowparity.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.MigrationFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each migration fixture, replayed from its traffic file: the replay finds exactly its known differences. */
class MigrationFixtureTest {

    static Stream<Supplier<MigrationFixture>> fixtures() {
        return Stream.of(MigrationFixture::nodeToPython, MigrationFixture::mlServiceSplit, MigrationFixture::authBehindFlag);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void replayFindsExactlyTheKnownDifferences(Supplier<MigrationFixture> start, @TempDir Path dir) throws Exception {
        try (MigrationFixture f = start.get()) {
            SuiteConfig suite = new ConfigLoader(k -> null).parse(f.suiteYaml(), f.name() + ".yaml");
            Path traffic = dir.resolve(f.name() + ".jsonl");
            Files.writeString(traffic, f.trafficJsonl());
            TrafficReader.Traffic t = TrafficReader.read(traffic, TrafficReader.Format.JSONL, true);
            Ledger ledger = new Ledger(suite.noise());
            try (ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 2, 16)) {
                new ReplayEngine(ReplaySetup.of(suite, RouteTable.of(suite.routes())), pipeline, Duration.ofSeconds(5)).run(t.requests(), 4, 0, false, (d, r) -> { });
            }
            List<String> found = new ArrayList<>();
            for (EndpointStats.Snapshot s : ledger.snapshot()) {
                assertThat(s.compared()).as(s.endpoint() + " compared every request").isEqualTo(s.exchanges());
                s.regressions().forEach(r -> found.add(s.endpoint() + " " + r.key().path() + " " + r.key().kind().label()));
            }
            assertThat(found).as(f.name()).containsExactlyInAnyOrderElementsOf(f.knownRegressions());
            assertThat(ledger.snapshot().stream().mapToLong(EndpointStats.Snapshot::exchanges).sum())
                    .isEqualTo(t.requests().size());
        }
    }
}
