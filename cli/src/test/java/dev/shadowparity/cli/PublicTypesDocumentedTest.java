package dev.shadowparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public API is documented: every public class, record, interface and enum of every module has its Javadoc. */
class PublicTypesDocumentedTest {

    private static final Pattern PUBLIC_TYPE =
            Pattern.compile("^\\s*public\\s+(static\\s+)?(final\\s+|abstract\\s+|sealed\\s+)?(class|record|interface|enum)\\s.*");

    @Test
    void everyPublicTypeHasJavadoc() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> undocumented = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/") && !p.toString().contains("/examples/")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (PUBLIC_TYPE.matcher(lines.get(i)).matches() && !documented(lines, i)) {
                        undocumented.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(undocumented).as("public types without Javadoc").isEmpty();
    }

    /** A Javadoc comment ends right above the declaration, or above the annotations on it. */
    private static boolean documented(List<String> lines, int declaration) {
        int j = declaration - 1;
        int parens = 0;
        while (j >= 0) {
            String l = lines.get(j).strip();
            parens += count(l, ')') - count(l, '(');
            if (l.endsWith("*/")) {
                return true;
            }
            if (!(l.startsWith("@") || parens > 0)) {
                return false;
            }
            j--;
        }
        return false;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
