package io.seestack.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM has no parent (so that importing it brings no Spring Boot versions), which leaves nothing in Maven to keep
 * it in step with the build: this does. Every module that is published (does not skip deployment) is managed by the
 * BOM, at the build's version, and nothing else is.
 */
class BomTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void managesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
		Document root = read(ROOT.resolve("pom.xml"));
		Document bom = read(ROOT.resolve("seestack-bom/pom.xml"));
		String version = child(root.getDocumentElement(), "version");

		assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);
		Set<String> managed = new TreeSet<>();
		NodeList dependencies = bom.getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			assertThat(child(dependency, "version")).isEqualTo(version);
			managed.add(child(dependency, "groupId") + ":" + child(dependency, "artifactId"));
		}
		assertThat(managed).containsExactlyInAnyOrderElementsOf(publishedModules(root));
	}

	private static List<String> publishedModules(Document root) throws Exception {
		List<String> published = new ArrayList<>();
		NodeList modules = root.getElementsByTagName("module");
		for (int i = 0; i < modules.getLength(); i++) {
			Path pom = ROOT.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml");
			Document module = read(pom);
			Element project = module.getDocumentElement();
			boolean skipsDeploy = "true".equals(property(project, "maven.deploy.skip"));
			if (!skipsDeploy && !"pom".equals(child(project, "packaging"))) {
				published.add("io.seestack:" + child(project, "artifactId"));
			}
		}
		return published;
	}

	private static String property(Element project, String name) {
		NodeList properties = project.getElementsByTagName("properties");
		return (properties.getLength() == 0) ? "" : child((Element) properties.item(0), name);
	}

	private static String child(Element element, String name) {
		NodeList children = element.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
				return child.getTextContent().trim();
			}
		}
		return "";
	}

	private static Document read(Path pom) throws Exception {
		if (!Files.isRegularFile(pom)) {
			throw new IOException("No POM at " + pom);
		}
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(pom.toFile());
	}

}
