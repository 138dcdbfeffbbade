package io.seestack;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;

import io.seestack.internal.DefaultSeeStackClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On the module path only the API is reachable: the implementation packages are not exported. */
class ModuleBoundaryTests {

	@Test
	void exportsTheApiPackagesOnly() throws URISyntaxException {
		Path classes = Path.of(DefaultSeeStackClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		ModuleDescriptor descriptor = ModuleFinder.of(classes).find("io.seestack").map(ModuleReference::descriptor)
			.orElseThrow();

		assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
			.containsExactlyInAnyOrder("io.seestack", "io.seestack.transport");
		assertThat(descriptor.exports()).allSatisfy((exports) -> assertThat(exports.isQualified()).isFalse());
		assertThat(descriptor.packages()).containsAll(Set.of("io.seestack.internal", "io.seestack.internal.context",
				"io.seestack.internal.delivery", "io.seestack.internal.payload"));
		assertThat(descriptor.provides()).singleElement()
			.satisfies((provides) -> assertThat(provides.providers()).containsExactly(
					"io.seestack.internal.ScopeAccessor"));
	}

}
