package dev.wormhole.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The dependency direction of STYLE.md: api → (routing, batch) → provider → core; anything reads config. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wormhole");

    @Test
    void coreDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("dev.wormhole.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "com.fasterxml..", "io.vertx..",
                        "io.smallrye..", "jakarta..", "dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.config..")
                .check(MAIN);
    }

    @Test
    void providersDoNotKnowTheEdgeOrRouting() {
        noClasses().that().resideInAPackage("dev.wormhole.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.batch..")
                .check(MAIN);
    }

    @Test
    void routingAndBatchDoNotKnowTheEdge() {
        noClasses().that().resideInAnyPackage("dev.wormhole.routing..", "dev.wormhole.batch..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.api..")
                .check(MAIN);
    }

    @Test
    void toolsDoNotKnowTheEdgeAndRoutingDoesNotKnowTools() {
        noClasses().that().resideInAPackage("dev.wormhole.tool..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.batch..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.routing..", "dev.wormhole.provider..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.tool..")
                .check(MAIN);
    }

    @Test
    void discoveryDoesNotKnowTheEdgeAndLowerLayersDoNotKnowDiscovery() {
        noClasses().that().resideInAPackage("dev.wormhole.discovery..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.tool..",
                        "dev.wormhole.batch..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.routing..", "dev.wormhole.provider..", "dev.wormhole.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.discovery..")
                .check(MAIN);
    }

    @Test
    void telemetryKnowsOnlyCoreAndNoLowerLayerKnowsIt() {
        noClasses().that().resideInAPackage("dev.wormhole.telemetry..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.tool..",
                        "dev.wormhole.discovery..", "dev.wormhole.state..", "dev.wormhole.key..",
                        "dev.wormhole.usage..", "dev.wormhole.store..", "dev.wormhole.limit..",
                        "dev.wormhole.idempotency..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.core..", "dev.wormhole.config..",
                "dev.wormhole.provider..", "dev.wormhole.state..", "dev.wormhole.discovery..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.telemetry..")
                .check(MAIN);
    }

    @Test
    void configDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("dev.wormhole.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.core..")
                .check(MAIN);
    }

    @Test
    void theResponseStoreKnowsOnlyConfigAndTheStateStore() {
        noClasses().that().resideInAPackage("dev.wormhole.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.tool..",
                        "dev.wormhole.discovery..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.routing..", "dev.wormhole.provider..", "dev.wormhole.core..",
                "dev.wormhole.batch..", "dev.wormhole.tool..", "dev.wormhole.discovery..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.store..")
                .check(MAIN);
    }

    @Test
    void stateDependsOnCoreAndConfigOnlyAndOnlyTheEdgeAndRoutingUseIt() {
        noClasses().that().resideInAPackage("dev.wormhole.state..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.tool..",
                        "dev.wormhole.discovery..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.core..", "dev.wormhole.config..", "dev.wormhole.provider..",
                "dev.wormhole.batch..", "dev.wormhole.tool..", "dev.wormhole.discovery..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.state..")
                .check(MAIN);
    }

    @Test
    void virtualKeysKnowOnlyCoreConfigAndStateAndNothingBelowTheEdgeKnowsThem() {
        noClasses().that().resideInAPackage("dev.wormhole.key..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.tool..",
                        "dev.wormhole.discovery..", "dev.wormhole.store..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.routing..", "dev.wormhole.provider..", "dev.wormhole.core..",
                "dev.wormhole.batch..", "dev.wormhole.tool..", "dev.wormhole.discovery..", "dev.wormhole.store..",
                "dev.wormhole.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.key..")
                .check(MAIN);
    }

    @Test
    void usageAccountingDoesNotKnowTheEdgeOrRoutingAndOnlyTheyUseIt() {
        noClasses().that().resideInAPackage("dev.wormhole.usage..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.batch..", "dev.wormhole.tool..", "dev.wormhole.key..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.core..", "dev.wormhole.config..", "dev.wormhole.provider..",
                "dev.wormhole.discovery..", "dev.wormhole.state..", "dev.wormhole.key..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.usage..")
                .check(MAIN);
    }

    @Test
    void idempotencyKnowsOnlyCoreConfigAndStateAndOnlyTheEdgeUsesIt() {
        noClasses().that().resideInAPackage("dev.wormhole.idempotency..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.tool..",
                        "dev.wormhole.discovery..", "dev.wormhole.key..", "dev.wormhole.limit..",
                        "dev.wormhole.usage..", "dev.wormhole.store..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.core..", "dev.wormhole.config..", "dev.wormhole.state..",
                "dev.wormhole.routing..", "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.tool..",
                "dev.wormhole.discovery..", "dev.wormhole.key..", "dev.wormhole.limit..", "dev.wormhole.usage..",
                "dev.wormhole.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.idempotency..")
                .check(MAIN);
    }

    @Test
    void dialectsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.wormhole.provider.openai..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.provider.simulator..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.wormhole.provider.simulator..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.provider.openai..")
                .check(MAIN);
    }

    @Test
    void limitsKnowOnlyCoreConfigAndStateAndOnlyRoutingAndTheEdgeUseThem() {
        noClasses().that().resideInAPackage("dev.wormhole.limit..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wormhole.api..", "dev.wormhole.routing..",
                        "dev.wormhole.provider..", "dev.wormhole.batch..", "dev.wormhole.tool..",
                        "dev.wormhole.discovery..", "dev.wormhole.key..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.wormhole.core..", "dev.wormhole.config..", "dev.wormhole.provider..",
                "dev.wormhole.state..", "dev.wormhole.key..")
                .should().dependOnClassesThat().resideInAPackage("dev.wormhole.limit..")
                .check(MAIN);
    }
}
