package org.layerlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering STYLE.md asks for, checked on the compiled classes rather than hoped for. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.layerlab");
    }

    @Test
    void coreHasNoUserInterfaceTypes() {
        noClasses().that().resideInAPackage("org.layerlab.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.swing..",
                        "org.controlsfx..", "org.jfree..", "org.layerlab.ui..", "org.layerlab.cli..")
                .because("core must run without a window: the command line and the tests drive it alone")
                .check(classes);
    }

    @Test
    void javaImageClassesStayInsideTheImageAdapter() {
        noClasses().that().resideInAPackage("org.layerlab.core..")
                .and().resideOutsideOfPackage("org.layerlab.core.imageio..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.imageio..")
                .because("image decoding is the one headless use of java.awt in core, kept in core.imageio")
                .check(classes);
    }

    @Test
    void engineTypesStayInsideTheirAdapter() {
        noClasses().that().resideOutsideOfPackage("org.layerlab.core.dl4j..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..",
                        "org.datavec..", "org.bytedeco..")
                .because("DL4J/ND4J appear only behind the core.dl4j adapter")
                .check(classes);
    }

    @Test
    void theEngineAdapterKnowsNothingOfTheAppAroundIt() {
        noClasses().that().resideInAPackage("org.layerlab.core.dl4j..")
                .should().dependOnClassesThat().resideInAnyPackage("org.layerlab.core.project..",
                        "org.layerlab.core.experiment..", "org.layerlab.core.data..")
                .because("the adapter translates our network and data records, it does not load files or projects")
                .check(classes);
    }
}
