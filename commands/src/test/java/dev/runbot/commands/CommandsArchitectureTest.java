package dev.runbot.commands;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command language stays plain Java, so every channel and every test can use it without a framework. */
@AnalyzeClasses(packages = "dev.runbot.commands", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandsArchitectureTest {

    @ArchTest
    static final ArchRule noFrameworkOrOutsideSystem = noClasses()
            .that().resideInAPackage("dev.runbot.commands..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.micronaut..", "com.slack..", "org.kohsuke..", "io.kubernetes..", "io.fabric8..", "jakarta..")
            .because("the parser must run the same in Slack, GitHub, REST and tests");

    @ArchTest
    static final ArchRule onlyTheJdkAndItself = classes()
            .that().resideInAPackage("dev.runbot.commands..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.runbot.commands..")
            .because("commands is the innermost module: plain Java, no libraries");
}
