package dev.socketsamples.labs.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check that the starter passes as it is: what the code already does right, so that a student starts with a
 * foothold and sees a fix that breaks it. The build requires every other check of a grader to fail on the starter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PassesOnTheStarter {
}
