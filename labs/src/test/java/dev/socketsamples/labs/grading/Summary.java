package dev.socketsamples.labs.grading;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * What one run of a grader found, told in a few lines: which checks pass, and what to look at next. The
 * checks are listed in their {@code @Order}, however they ran.
 */
public final class Summary implements TestExecutionListener {

    /** One check: its sentence, its method, and why it failed (null when it passed). */
    public record Check(String name, Method method, Throwable failure) {

        public boolean passed() {
            return failure == null;
        }
    }

    private static final int WIDTH = 100;

    private final List<Check> checks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String title = "";

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Throwable failure = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? null
                : result.getThrowable().orElseGet(() -> new AssertionError(result.getStatus().toString()));
        Optional<?> source = test.getSource();
        if (test.isTest() && source.isPresent() && source.get() instanceof MethodSource method) {
            checks.add(new Check(test.getDisplayName(), method.getJavaMethod(), failure));
        } else if (source.isPresent() && source.get() instanceof ClassSource) {
            title = test.getDisplayName();
            if (failure != null) { // the grader itself could not run: no check says anything
                problems.add(describe(failure));
            }
        }
    }

    /** The checks, in their order. */
    public synchronized List<Check> checks() {
        return checks.stream().sorted(Comparator.comparingInt(check -> order(check.method()))).toList();
    }

    /** Whether the grader ran, found checks, and every one of them passed. */
    public synchronized boolean allPassed() {
        return problems.isEmpty() && !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** The few lines a student reads after a run. */
    public synchronized String text() {
        return text(true);
    }

    /**
     * The same without the advice under "Next:", which quotes what the student's code did: the part that is
     * the same on every run, which the lab pages show.
     */
    public synchronized String firstLines() {
        return text(false);
    }

    private String text(boolean withAdvice) {
        List<Check> ordered = checks();
        long passed = ordered.stream().filter(Check::passed).count();
        StringBuilder text = new StringBuilder();
        if (allPassed()) {
            return text.append(title).append(": all ").append(ordered.size()).append(" checks pass.\n").toString();
        }
        text.append(title).append(": ").append(passed).append(" of ").append(ordered.size())
                .append(ordered.size() == 1 ? " check passes.\n" : " checks pass.\n");
        for (Check check : ordered) {
            text.append(check.passed() ? "  pass  " : "  FAIL  ").append(check.name()).append('\n');
        }
        problems.forEach(problem -> wrap(text, "Cannot run the grader: " + problem));
        ordered.stream().filter(check -> !check.passed()).findFirst().ifPresent(next -> {
            text.append("Next: ").append(next.name()).append('\n');
            if (withAdvice) {
                wrap(text, describe(next.failure()));
            }
        });
        return text.toString();
    }

    /** An assertion says what to look at in its message; anything else is the student's code throwing. */
    private static String describe(Throwable failure) {
        if (failure instanceof AssertionError && failure.getMessage() != null) {
            return failure.getMessage();
        }
        StringBuilder text = new StringBuilder("Your code threw " + failure);
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.socketsamples.labs.lab")) {
                return text.append(" at ").append(frame.getFileName()).append(':').append(frame.getLineNumber())
                        .append('.').toString();
            }
        }
        return text.append('.').toString();
    }

    private static int order(Method method) {
        Order order = method.getAnnotation(Order.class);
        return order == null ? Integer.MAX_VALUE : order.value();
    }

    /**
     * Appends {@code paragraph} indented by two spaces, in lines of at most {@value #WIDTH} characters; a number
     * stays on the line of the word before it, so that "step 1)" is never cut in two.
     */
    private static void wrap(StringBuilder text, String paragraph) {
        StringBuilder line = new StringBuilder(" ");
        for (String word : paragraph.split(" (?![0-9])")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > 1) {
                text.append(line).append('\n');
                line.setLength(0);
                line.append(' ');
            }
            line.append(' ').append(word);
        }
        text.append(line).append('\n');
    }
}
