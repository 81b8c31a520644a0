package dev.socketsamples.labs.grading;

import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Whose code a grader checks: the student's starter, filled in (the default), the reference solution (the sample
 * the starter is cut from), or, for the labs that have one, a cheat in the test sources: a wrong answer that the
 * grader must fail.
 */
public enum Code {
    STARTER, SOLUTION, CHEAT;

    /** The JUnit configuration parameter that chooses: {@code labs.code=solution}; the starter when absent. */
    public static final String PARAMETER = "labs.code";

    /** {@code starter} or {@code solution}, as this code's part of the grader; a lab without a cheat. */
    public <T> T pick(T starter, T solution) {
        if (this == CHEAT) {
            throw new IllegalArgumentException("this lab has no cheat to grade");
        }
        return this == STARTER ? starter : solution;
    }

    /** {@code starter}, {@code solution} or {@code cheat}, as this code's part of the grader. */
    public <T> T pick(T starter, T solution, T cheat) {
        return this == CHEAT ? cheat : pick(starter, solution);
    }

    /** Parses {@code starter} or {@code solution}, in any case. */
    public static Code of(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    /** Gives a grader's constructor the code that the run was asked to check. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Code.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).map(Code::of).orElse(STARTER);
        }
    }
}
