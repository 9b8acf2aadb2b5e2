package io.github.daemoniker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The picture in ARCHITECTURE.md, enforced: shared code depends on no system's package, each
 * system's package on the shared one only, the command-line tool on the public API only, and only
 * the system packages call native code.
 */
class ArchitectureTest {
    private static final String API = "io.github.daemoniker";
    private static final String INTERNAL = "io.github.daemoniker.internal..";
    private static final String UNIX = "io.github.daemoniker.unix..";
    private static final String WINDOWS = "io.github.daemoniker.windows..";
    private static final String CLI = "io.github.daemoniker.cli..";

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(API);

    @Test
    void sharedCodeNamesNoSystem() {
        noClasses().that().resideInAnyPackage(API, INTERNAL)
                .should().dependOnClassesThat().resideInAnyPackage(UNIX, WINDOWS, CLI)
                .because("each system's platform is found once, by its class name, not imported")
                .check(LIBRARY);
    }

    @Test
    void eachSystemStandsOnTheSharedCodeAlone() {
        noClasses().that().resideInAPackage(UNIX)
                .should().dependOnClassesThat().resideInAnyPackage(WINDOWS, CLI).check(LIBRARY);
        noClasses().that().resideInAPackage(WINDOWS)
                .should().dependOnClassesThat().resideInAnyPackage(UNIX, CLI).check(LIBRARY);
    }

    @Test
    void theCommandLineToolStandsOnThePublicApi() {
        classes().that().resideInAPackage(CLI)
                .should().onlyDependOnClassesThat().resideInAnyPackage(API, CLI, "java..", "picocli..")
                .check(LIBRARY);
    }

    @Test
    void onlyTheSystemPackagesCallNativeCode() {
        noClasses().that().resideOutsideOfPackages(UNIX, WINDOWS)
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .check(LIBRARY);
    }

    @Test
    void windowsLivesInItsOwnTree() {
        // WindowsService, a definition of the API whose every use goes to the windows package, is the one exception
        noClasses().that().resideInAnyPackage(API, INTERNAL, UNIX).and().doNotHaveFullyQualifiedName(API + ".WindowsService")
                .should().haveSimpleNameStartingWith("Windows").orShould().haveSimpleNameStartingWith("Sleeper")
                .orShould().haveSimpleNameStartingWith("Win32")
                .check(LIBRARY);
    }
}
