package dev.shadowparity.junit5;

import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.reports.ExchangeAttachments;
import io.qameta.allure.Allure;
import java.util.Map;

/**
 * The run report's attachments of a failed exchange (side-by-side differences, raw request and responses, curl per
 * backend, the redacted log line), added to the running test's Allure result. Loaded only when allure-junit5 is on the
 * test class path ({@link #available}), so a test suite without Allure never touches it.
 */
final class AllureAttachments {

    private static final boolean AVAILABLE = present("io.qameta.allure.junitplatform.AllureJunitPlatform");

    private AllureAttachments() {}

    static boolean available() {
        return AVAILABLE;
    }

    static void attach(String suite, ExchangeResult result, Redactor redactor, Map<String, String> backendUrls) {
        for (ExchangeAttachments.Attachment a : ExchangeAttachments.of(suite, result, redactor, backendUrls)) {
            Allure.addAttachment(result.exchange().endpoint() + ": " + a.name(), a.type(), a.content(), a.extension());
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AllureAttachments.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
