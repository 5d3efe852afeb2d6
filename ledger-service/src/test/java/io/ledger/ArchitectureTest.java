package io.ledger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package-by-feature boundaries of docs/architecture.md, kept honest. */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledger");

    @Test
    void featuresDoNotReachIntoEachOther() {
        SlicesRuleDefinition.slices().matching("io.ledger.(*)..")
                .should().beFreeOfCycles()
                .check(SERVICE);
    }

    @Test
    void webAndPlatformKnowNoFeature() {
        noClasses().that().resideInAnyPackage("io.ledger.web..", "io.ledger.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ledger.migration..")
                .check(SERVICE);
    }

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class)
                .should().notBePublic()
                .check(SERVICE);
    }

    @Test
    void theSharedVocabularyKnowsNothingOfSpringOrAxon() {
        noClasses().that().resideInAPackage("io.ledger.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..")
                .check(SERVICE);
    }
}
