package io.seestack.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block in docs/ that follows a {@code <!-- snippet: module/path/File.java#tag -->} marker must be
 * exactly the region between {@code // tag::tag[]} and {@code // end::tag[]} in that (compiled, tested) source file,
 * with its common indentation removed, after the imports of that file the region uses. So the examples cannot rot,
 * and a copied one does not make the reader guess which {@code User} or {@code Level} it meant.
 */
class DocSnippetsTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/** An import, and the simple name it brings (a static import: the member's name). */
	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?[\\w.]+\\.(\\w+);$");

	private static final Pattern SNIPPET = Pattern
		.compile("<!-- snippet: (\\S+)#(\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

	@Test
	void everyDocSnippetMatchesItsTaggedSource() throws IOException {
		List<String> problems = new ArrayList<>();
		int checked = 0;
		try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
			for (Path doc : docs.filter((path) -> path.toString().endsWith(".md")).toList()) {
				Matcher matcher = SNIPPET.matcher(Files.readString(doc));
				while (matcher.find()) {
					checked++;
					String expected = snippet(ROOT.resolve(matcher.group(1)), matcher.group(2));
					if (!expected.equals(matcher.group(3))) {
						problems.add(ROOT.relativize(doc) + " " + matcher.group(1) + "#" + matcher.group(2)
								+ " differs; the source says:\n" + expected);
					}
				}
			}
		}
		assertThat(checked).as("snippets found in docs/").isGreaterThan(0);
		assertThat(problems).isEmpty();
	}

	/** The region, after the imports it uses (by simple name) and a blank line. */
	static String snippet(Path source, String tag) throws IOException {
		String region = region(source, tag);
		StringBuilder imports = new StringBuilder();
		for (String line : Files.readAllLines(source)) {
			Matcher imported = IMPORT.matcher(line);
			if (imported.matches() && Pattern.compile("\\b" + imported.group(1) + "\\b").matcher(region).find()) {
				imports.append(line).append('\n');
			}
		}
		return imports.isEmpty() ? region : imports + "\n" + region;
	}

	static String region(Path source, String tag) throws IOException {
		List<String> lines = Files.readAllLines(source);
		int start = indexOf(lines, "// tag::" + tag + "[]", source) + 1;
		int end = indexOf(lines, "// end::" + tag + "[]", source);
		List<String> region = lines.subList(start, end);
		int indent = region.stream().filter((line) -> !line.isBlank())
			.mapToInt((line) -> line.length() - line.stripLeading().length()).min().orElse(0);
		StringBuilder text = new StringBuilder();
		for (String line : region) {
			text.append(line.isBlank() ? "" : line.substring(indent).replace("\t", "    ")).append('\n');
		}
		return text.toString();
	}

	private static int indexOf(List<String> lines, String marker, Path source) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).strip().equals(marker)) {
				return i;
			}
		}
		throw new AssertionError(source + " has no line " + marker);
	}

}
