package io.seestack.spring.autoconfigure;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The starter uses the core through its API only: the core's module does not export {@code io.seestack.internal},
 * and on the class path, where applications run it, this rule keeps it out of reach.
 */
@AnalyzeClasses(packages = "io.seestack.spring", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule starterDoesNotReachIntoTheCoresImplementation = noClasses().that()
		.resideInAPackage("io.seestack.spring..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.seestack.internal..");

	/** The IP is the request scope's business: the security adapters only say who the user is. */
	@ArchTest
	static final ArchRule securityAdaptersDoNotDependOnTheWebPackage = noClasses().that()
		.resideInAPackage("io.seestack.spring.autoconfigure.security..")
		.and()
		.haveSimpleNameNotEndingWith("AutoConfiguration")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.seestack.spring.autoconfigure.web..");

}
