package io.seestack;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core stays framework-free, and its public API does not lean on its implementation's libraries. */
@AnalyzeClasses(packages = "io.seestack", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule coreHasNoSpringDependency = noClasses().that().resideInAPackage("io.seestack..")
		.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..", "org.slf4j..");

	@ArchTest
	static final ArchRule publicApiDoesNotExposeJacksonOrFailsafe = noClasses().that()
		.resideInAnyPackage("io.seestack", "io.seestack.transport")
		.should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "dev.failsafe..");

}
