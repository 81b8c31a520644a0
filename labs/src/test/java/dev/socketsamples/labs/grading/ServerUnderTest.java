package dev.socketsamples.labs.grading;

import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;

/** How a grader starts the server it grades, the student's or the sample's, bound as {@code config} says. */
@FunctionalInterface
public interface ServerUnderTest {

    EchoServer start(ServerConfig config) throws SampleFailure;
}
