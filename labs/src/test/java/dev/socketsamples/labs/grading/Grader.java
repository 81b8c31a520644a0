package dev.socketsamples.labs.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Marks a lab's grader: its constructor takes the {@link Code} to check, its checks run in {@code @Order}, and
 * each is shown as the sentence its method name spells ({@code aClientIsServed}: "a client is served").
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(Code.Resolver.class)
@DisplayNameGeneration(Grader.Sentences.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT) // when parallel runs are on: checks that wait for a hung starter overlap
public @interface Grader {

    /** The check's method name, camel case undone: what a student reads in the summary and in the IDE. */
    final class Sentences extends DisplayNameGenerator.Standard {

        @Override
        public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
                                                   Method testMethod) {
            return testMethod.getName().replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT);
        }
    }
}
