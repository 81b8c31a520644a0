package dev.socketsamples.compare.load;

import dev.socketsamples.asyncserver.AsynchronousSocketListener;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.syncserver.SynchronousSocketListener;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A server the benchmark measures: the three samples' ways of serving, and Netty as the reference. */
enum Target {

    SYNC_ONE_AT_A_TIME("sync-one", "sync, one at a time") {
        @Override
        EchoServer start(ServerConfig config) throws Exception {
            return SynchronousSocketListener.start(config, SynchronousSocketListener.Threads.ONE_AT_A_TIME);
        }
    },
    SYNC_VIRTUAL("sync-virtual", "sync, virtual threads") {
        @Override
        EchoServer start(ServerConfig config) throws Exception {
            return SynchronousSocketListener.start(config, SynchronousSocketListener.Threads.VIRTUAL);
        }
    },
    ASYNC("async", "async, CompletionHandler") {
        @Override
        EchoServer start(ServerConfig config) throws Exception {
            return AsynchronousSocketListener.start(config);
        }
    },
    NETTY("netty", "Netty 4.2 (NIO)") {
        @Override
        EchoServer start(ServerConfig config) throws Exception {
            return NettyEchoServer.start(config);
        }
    };

    private final String key;
    private final String label;

    Target(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** Starts this server in the current JVM. */
    abstract EchoServer start(ServerConfig config) throws Exception;

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
