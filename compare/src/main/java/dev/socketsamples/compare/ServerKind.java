package dev.socketsamples.compare;

import dev.socketsamples.asyncserver.AsynchronousSocketListener;
import dev.socketsamples.asyncserver.AsynchronousSocketListener.Accept;
import dev.socketsamples.selectorserver.SelectorSocketListener;
import dev.socketsamples.shared.CommandLine.Option;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.syncserver.SynchronousSocketListener;
import dev.socketsamples.syncserver.SynchronousSocketListener.Threads;
import java.util.List;

/** The ways this suite serves connections, each started the same way. */
public enum ServerKind {

    // tag::server-kinds[]
    SYNC_ONE_AT_A_TIME("sync server, one connection at a time",
            config -> SynchronousSocketListener.start(config, Threads.ONE_AT_A_TIME)),
    SYNC_VIRTUAL_THREADS("sync server, one virtual thread per connection",
            config -> SynchronousSocketListener.start(config, Threads.VIRTUAL)),
    ASYNC_CALLBACKS("async server, callbacks on a fixed pool, accepts waiting on allDone",
            config -> AsynchronousSocketListener.start(config, Accept.ALL_DONE_LOOP)),
    ASYNC_CHAINED_ACCEPT("async server, callbacks on a fixed pool, each accept starting the next",
            config -> AsynchronousSocketListener.start(config, Accept.CHAINED)),
    SELECTOR("selector server, one thread, a Selector and non-blocking channels", SelectorSocketListener::start);
    // end::server-kinds[]

    /** How a kind of server starts. */
    @FunctionalInterface
    private interface Starter {
        EchoServer start(ServerConfig config) throws SampleFailure;
    }

    private final String description;
    private final Starter starter;

    ServerKind(String description, Starter starter) {
        this.description = description;
        this.starter = starter;
    }

    /** Binds and starts serving; the caller closes the server. */
    public EchoServer start(ServerConfig config) throws SampleFailure {
        return starter.start(config);
    }

    /** The class whose {@code main} runs this kind from a terminal. */
    public Class<?> mainClass() {
        return switch (this) {
            case SYNC_ONE_AT_A_TIME, SYNC_VIRTUAL_THREADS -> SynchronousSocketListener.class;
            case ASYNC_CALLBACKS, ASYNC_CHAINED_ACCEPT -> AsynchronousSocketListener.class;
            case SELECTOR -> SelectorSocketListener.class;
        };
    }

    /** The options that choose this kind on that main's command line. */
    public List<String> mainOptions() {
        return switch (this) {
            case SYNC_ONE_AT_A_TIME -> choosing(Option.THREADS, Threads.ONE_AT_A_TIME);
            case SYNC_VIRTUAL_THREADS -> choosing(Option.THREADS, Threads.VIRTUAL);
            case ASYNC_CALLBACKS -> choosing(Option.ACCEPT, Accept.ALL_DONE_LOOP);
            case ASYNC_CHAINED_ACCEPT -> choosing(Option.ACCEPT, Accept.CHAINED);
            case SELECTOR -> List.of();
        };
    }

    /** The flag and the value that the main parses into {@code mode}: its choices are in the enum's order. */
    private static List<String> choosing(Option option, Enum<?> mode) {
        return List.of(option.flag(), option.choices().get(mode.ordinal()));
    }

    @Override
    public String toString() {
        return description;
    }
}
