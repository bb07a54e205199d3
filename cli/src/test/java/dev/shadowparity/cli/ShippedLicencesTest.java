package dev.shadowparity.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What parity.jar ships is what this module's runtime class path holds (the shade plugin packs exactly that), so a
 * class missing here is missing there. {@code .ci/run} checks the built jar too.
 */
class ShippedLicencesTest {

    @Test
    void gatlingsReportModuleWhoseLicenceForbidsCopyingItIsNotShipped() {
        assertThatThrownBy(() -> Class.forName("io.gatling.charts.highcharts.component.ComponentLibraryImpl"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
