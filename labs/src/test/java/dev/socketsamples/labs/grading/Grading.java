package dev.socketsamples.labs.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs one lab's grader on the starter or the solution, as the lab command and the build both do. */
public final class Grading {

    /** The labs, in class order. */
    public static final int LABS = 5;

    private Grading() {
    }

    /** The grader of lab {@code lab}: {@code dev.socketsamples.labs.lab1.Lab1Grader} for lab 1. */
    public static String graderName(int lab) {
        return "dev.socketsamples.labs.lab" + lab + ".Lab" + lab + "Grader";
    }

    /**
     * Runs every check of lab {@code lab} against {@code code} and returns what they found. The checks run at
     * the same time: a check that waits for a hung starter then costs its own wait, not the sum of all.
     */
    public static Summary grade(int lab, Code code) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(graderName(lab)))
                .configurationParameter(Code.PARAMETER, code.name())
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.executor-service", "WORKER_THREAD_POOL")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
                .build();
        Summary summary = new Summary();
        // Only this summary listens: no listener that another tool put on the class path.
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(request, summary);
        return summary;
    }
}
