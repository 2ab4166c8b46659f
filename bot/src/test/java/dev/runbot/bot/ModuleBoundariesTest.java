package dev.runbot.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.data.repository.GenericRepository;
import org.junit.jupiter.api.Test;

/** The house rules of ARCHITECTURE.md: the language knows no framework, the domain no chat or VCS library. */
class ModuleBoundariesTest {

    static final JavaClasses RUNBOT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.runbot");

    @Test
    void commandsDependOnNoFrameworkOrOutsideSystem() {
        noClasses().that().resideInAPackage("dev.runbot.commands..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "com.slack..",
                        "org.kohsuke..", "io.kubernetes..", "io.fabric8..", "com.marcnuri..", "dev.runbot.provisioner..",
                        "dev.runbot.bot..")
                .check(RUNBOT);
    }

    @Test
    void provisionerKnowsNoChatOrVcsLibraryAndNotTheBot() {
        noClasses().that().resideInAPackage("dev.runbot.provisioner..")
                .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "org.kohsuke..", "dev.runbot.bot..")
                .check(RUNBOT);
    }

    @Test
    void onlyTheGitHubClientKnowsTheGitHubLibrary() {
        noClasses().that().resideOutsideOfPackage("dev.runbot.bot.github.client..")
                .should().dependOnClassesThat().resideInAPackage("org.kohsuke..")
                .check(RUNBOT);
    }

    @Test
    void webhookWorkReachesGitHubOnlyThroughPullRequestHost() {
        noClasses().that().resideInAnyPackage("dev.runbot.bot.github.webhook..", "dev.runbot.bot.github.work..",
                        "dev.runbot.bot.github.notify..", "dev.runbot.bot.github.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.runbot.bot.github.client..")
                .check(RUNBOT);
    }

    @Test
    void onlyTheSlackClientCallsSlacksWebApiAndOnlyTheEventsPackageKnowsBolt() {
        noClasses().that().resideOutsideOfPackage("dev.runbot.bot.slack.client..")
                .should().dependOnClassesThat().resideInAPackage("com.slack.api.methods..")
                .check(RUNBOT);
        noClasses().that().resideOutsideOfPackage("dev.runbot.bot.slack.events..")
                .should().dependOnClassesThat().resideInAPackage("com.slack.api.bolt..")
                .check(RUNBOT);
    }

    @Test
    void controllersAndRunnersGoThroughTheServiceNotTheRepositories() {
        noClasses().that().resideInAnyPackage("dev.runbot.bot..")
                .should().dependOnClassesThat().areAssignableTo(GenericRepository.class)
                .check(RUNBOT);
    }
}
