package dev.socketsamples.compare.load;

import dev.socketsamples.compare.ServerKind;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A server the benchmark measures: the samples' ways of serving, and Netty as the reference. */
enum Target {

    SYNC_ONE_AT_A_TIME("sync-one", "sync, one at a time", ServerKind.SYNC_ONE_AT_A_TIME::start),
    SYNC_VIRTUAL("sync-virtual", "sync, virtual threads", ServerKind.SYNC_VIRTUAL_THREADS::start),
    ASYNC("async", "async, CompletionHandler", ServerKind.ASYNC_CALLBACKS::start),
    SELECTOR("selector", "selector, one thread", ServerKind.SELECTOR::start),
    NETTY("netty", "Netty 4.2 (NIO)", NettyEchoServer::start);

    /** How a target is started in the current JVM. */
    @FunctionalInterface
    private interface Starter {
        EchoServer start(ServerConfig config) throws Exception;
    }

    private final String key;
    private final String label;
    private final Starter starter;

    Target(String key, String label, Starter starter) {
        this.key = key;
        this.label = label;
        this.starter = starter;
    }

    /** Starts this server in the current JVM. */
    EchoServer start(ServerConfig config) throws Exception {
        return starter.start(config);
    }

    /** The name on the command line and in the CSV. */
    String key() {
        return key;
    }

    /** The name in the table and on the chart. */
    String label() {
        return label;
    }

    static Target ofKey(String key) {
        for (Target target : values()) {
            if (target.key.equals(key)) {
                return target;
            }
        }
        throw new IllegalArgumentException("unknown target '" + key + "' (one of " + keys() + ")");
    }

    static String keys() {
        return Arrays.stream(values()).map(Target::key).collect(Collectors.joining(", "));
    }
}
