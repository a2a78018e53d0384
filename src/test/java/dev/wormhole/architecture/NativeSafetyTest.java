package dev.wormhole.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Patterns that break (or silently misbehave in) a native image, forbidden in our own code: reflection on
 * computed class names, dynamic proxies, classpath scanning, bytecode generation, and static fields that
 * would be frozen into the image at build time (clients, caches, random sources, environment values).
 */
class NativeSafetyTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wormhole");

    @Test
    void noReflectiveClassLoadingByName() {
        noClasses().should().callMethod(Class.class, "forName", String.class)
                .orShould().callMethod(Class.class, "forName", String.class, boolean.class, ClassLoader.class)
                .orShould().callMethod(ClassLoader.class, "loadClass", String.class)
                .because("a class named at run time is not in the native image unless registered at build time")
                .check(MAIN);
    }

    @Test
    void noDynamicProxies() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.lang.reflect.Proxy")
                .because("dynamic proxies need build-time registration of every interface combination")
                .check(MAIN);
    }

    @Test
    void noClasspathScanningOrBytecodeGeneration() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.reflections..", "io.github.classgraph..",
                "net.bytebuddy..", "javassist..", "org.objectweb.asm..", "net.sf.cglib..")
                .orShould().callMethod(ClassLoader.class, "getResources", String.class)
                .because("the native image has no class files to scan and cannot define classes at run time")
                .check(MAIN);
    }

    @Test
    void noStaticFieldsHoldingClientsCachesOrRandomSources() {
        noFields().that().areStatic()
                .should().haveRawType(io.vertx.core.Vertx.class)
                .orShould().haveRawType(io.vertx.core.http.HttpClient.class)
                .orShould().haveRawType(ObjectMapper.class)
                .orShould().haveRawType(ConcurrentMap.class)
                .orShould().haveRawType(java.util.concurrent.ConcurrentHashMap.class)
                .orShould().haveRawType(Random.class)
                .orShould().haveRawType(java.security.SecureRandom.class)
                .orShould().haveRawType(SplittableRandom.class)
                .because("static state is initialized at build time in a native image; clients, caches and "
                        + "random sources belong in CDI beans")
                .check(MAIN);
    }

    @Test
    void noMutableStaticFields() {
        fields().that().areStatic().should().beFinal()
                .because("mutable static state would be captured at build time in a native image")
                .check(MAIN);
    }

    @Test
    void noEnvironmentReadInStaticInitializers() {
        classes().should(new ArchCondition<JavaClass>("not read the environment in a static initializer") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getStaticInitializer().ifPresent(init -> init.getMethodCallsFromSelf().forEach(call -> {
                    if (call.getTargetOwner().isEquivalentTo(System.class)
                            && Set.of("getenv", "getProperty").contains(call.getName())) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }));
            }
        }).because("a value read in a static initializer is the build machine's, frozen into the image")
                .check(MAIN);
    }
}
