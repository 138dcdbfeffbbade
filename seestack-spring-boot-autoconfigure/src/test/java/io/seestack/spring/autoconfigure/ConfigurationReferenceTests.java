package io.seestack.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration.md} true: its table names every key of the generated configuration metadata and
 * no other, with the metadata's type and, where the metadata has one, its default; its YAML uses only real
 * {@code seestack.*} keys.
 */
class ConfigurationReferenceTests {

	private static final Path DOC = Path.of("../docs/configuration.md");

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	/** A table row whose first cell is a key in backticks. */
	private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|(.*)\\|\\s*$");

	private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.*?\\.)(\\s|$)");

	private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

	private final Map<String, JsonNode> metadata = metadata();

	private final Map<String, List<String>> documented = documented();

	@Test
	void documentsEveryKeyOfTheMetadataAndNoOther() {
		assertThat(this.documented.keySet()).as("keys in %s", DOC)
			.containsExactlyInAnyOrderElementsOf(this.metadata.keySet());
	}

	@Test
	void documentsTheTypeOfEveryKey() {
		this.documented.forEach((key, cells) -> {
			JsonNode property = this.metadata.get(key);
			if (property != null) {
				assertThat(cells.get(0)).as("type of %s in %s", key, DOC)
					.isEqualTo("`" + simpleType(property.get("type").asString()) + "`");
			}
		});
	}

	@Test
	void documentsTheDefaultOfEveryKeyThatHasOne() {
		this.documented.forEach((key, cells) -> {
			JsonNode property = this.metadata.get(key);
			if (property != null && property.has("defaultValue")) {
				assertThat(cells.get(1)).as("default of %s in %s", key, DOC)
					.isEqualTo("`" + text(property.get("defaultValue")) + "`");
			}
		});
	}

	@Test
	void describesEveryKey() {
		this.documented.forEach((key, cells) -> assertThat(cells.get(2)).as("description of %s", key).isNotBlank());
	}

	/**
	 * The IDE shows the metadata's description, generated from the field's Javadoc; the table may say more, but
	 * it starts with the same first sentence (code quotes aside), so the two cannot drift apart.
	 */
	@Test
	void describesEveryKeyAsTheMetadataDoes() {
		this.documented.forEach((key, cells) -> {
			JsonNode property = this.metadata.get(key);
			if (property != null) {
				assertThat(firstSentence(cells.get(2))).as("first sentence of the description of %s in %s", key, DOC)
					.isEqualTo(firstSentence(property.path("description").asString("")));
			}
		});
	}

	@Test
	void usesOnlyRealKeysInItsYaml() throws IOException {
		Matcher blocks = YAML_BLOCK.matcher(Files.readString(DOC));
		List<String> keys = new ArrayList<>();
		while (blocks.find()) {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("yaml",
					new ByteArrayResource(blocks.group(1).getBytes()))) {
				keys.addAll(List.of(((EnumerablePropertySource<?>) source).getPropertyNames()));
			}
		}
		List<String> ours = keys.stream().filter((key) -> key.startsWith("seestack.")).toList();
		assertThat(ours).as("seestack.* keys in the YAML of %s", DOC)
			.isNotEmpty()
			.allSatisfy((key) -> assertThat(this.metadata).containsKey(key.replaceAll("\\[\\d+]$", "")));
	}

	private static Map<String, JsonNode> metadata() {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		JsonMapper.builder()
			.build()
			.readTree(METADATA.toFile())
			.get("properties")
			.forEach((property) -> properties.put(property.get("name").asString(), property));
		return properties;
	}

	/** The cells after the key (type, default, description) of each row, by key; a key documented twice fails. */
	private static Map<String, List<String>> documented() {
		try {
			Map<String, List<String>> rows = new LinkedHashMap<>();
			for (String line : Files.readAllLines(DOC)) {
				Matcher row = ROW.matcher(line);
				if (row.matches()) {
					List<String> cells = List.of(row.group(2).split("(?<!\\\\)\\|", -1))
						.stream()
						.map(String::strip)
						.collect(Collectors.toList());
					assertThat(cells).as("cells of the row of %s", row.group(1)).hasSize(3);
					assertThat(rows.put(row.group(1), cells)).as("second row for %s", row.group(1)).isNull();
				}
			}
			return rows;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + DOC.toAbsolutePath(), ex);
		}
	}

	/** The first sentence, without the backticks or quotes that mark code, its spaces collapsed. */
	static String firstSentence(String description) {
		String plain = description.replaceAll("[`']", "").replaceAll("\\s+", " ").strip();
		Matcher sentence = FIRST_SENTENCE.matcher(plain);
		return sentence.find() ? sentence.group(1) : plain;
	}

	/** {@code java.util.List<java.lang.String>} as {@code List<String>}, {@code Outer$Inner} as {@code Inner}. */
	static String simpleType(String type) {
		return type.replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replaceAll("\\w+\\$", "");
	}

	/** A default as the doc writes it: a list as its items separated by commas. */
	private static String text(JsonNode value) {
		if (value.isArray()) {
			return value.valueStream().map(JsonNode::asString).collect(Collectors.joining(", "));
		}
		return value.asString();
	}

}
