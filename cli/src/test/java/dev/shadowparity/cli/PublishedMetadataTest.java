package dev.shadowparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every artifact {@code mvn install} puts in the local repository carries what Maven Central asks of it: its own name
 * and description, and (inherited from the parent) a URL, the licence, developers and the source repository.
 */
class PublishedMetadataTest {

    private static Element project(Path pom) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return d.getDocumentElement();
    }

    private static String child(Element e, String name) {
        NodeList n = e.getChildNodes();
        for (int i = 0; i < n.getLength(); i++) {
            if (n.item(i) instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    @Test
    void theParentDeclaresUrlLicenceDevelopersAndScmAndEveryModuleNamesAndDescribesItself() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Element parent = project(root.resolve("pom.xml"));
        assertThat(child(parent, "url")).startsWith("https://");
        assertThat(child(parent, "licenses")).contains("Apache License, Version 2.0");
        assertThat(child(parent, "developers")).isNotBlank();
        assertThat(child(parent, "scm")).contains("scm:git:");
        List<String> modules = new ArrayList<>();
        NodeList list = parent.getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            modules.add(list.item(i).getTextContent().trim());
        }
        assertThat(modules).contains("core", "cli", "junit5", "image");
        for (String module : modules) {
            Element m = project(root.resolve(module).resolve("pom.xml"));
            assertThat(child(m, "name")).as(module + " <name>").startsWith("Shadow Parity");
            assertThat(child(m, "description")).as(module + " <description>").isNotBlank();
        }
        assertThat(Files.readString(root.resolve("LICENSE"))).contains("Apache License");
    }
}
