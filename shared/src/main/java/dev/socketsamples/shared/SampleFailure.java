package dev.socketsamples.shared;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** A failure a main reports as one line and a non-zero exit, worded once for every client and server. */
public final class SampleFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public SampleFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code cannot connect to HOST:PORT: connection refused}, and the like. */
    public static SampleFailure cannotConnect(String host, int port, Throwable cause) {
        return new SampleFailure("cannot connect to " + host + ":" + port + ": " + reason(cause), cause);
    }

    /** The server accepted the connection but sent no complete echo in time. */
    public static SampleFailure noEcho(String host, int port, Duration timeout) {
        return new SampleFailure("no echo from " + host + ":" + port + " within " + ConsoleText.seconds(timeout) + "s",
                null);
    }

    /** The server closed the connection before the echoed marker arrived. */
    public static SampleFailure closedWithoutEcho(String host, int port, int bytesReceived) {
        return new SampleFailure(host + ":" + port + " closed the connection without echoing the message ("
                + bytesReceived + " bytes received, no " + Protocol.EOF + ")", null);
    }

    /** The server answered with other bytes than the client sent. */
    public static SampleFailure notTheEcho(String host, int port) {
        return new SampleFailure(host + ":" + port + " answered with other bytes than the message sent: not an echo",
                null);
    }

    /** The connection broke while sending or receiving. */
    public static SampleFailure connectionLost(String host, int port, Throwable cause) {
        return new SampleFailure("connection to " + host + ":" + port + " lost: " + reason(cause), cause);
    }

    // tag::cannot-listen[]
    /** A server cannot bind: usually the port is taken, and the fix is another {@code --port}. */
    public static SampleFailure cannotListen(String host, int port, Throwable cause) {
        String reason = reason(cause);
        String fix = cause instanceof BindException && reason.contains("in use")
                ? "; is another server running? choose another port with --port" : "";
        return new SampleFailure("cannot listen on " + host + ":" + port + ": " + reason + fix, cause);
    }
    // end::cannot-listen[]

    /** A few words for what went wrong, without the exception's class name. */
    public static String reason(Throwable cause) {
        return switch (cause) {
            case null -> "unknown error";
            case ConnectException e -> "connection refused";
            case NoRouteToHostException e -> "no route to host";
            case UnknownHostException e -> "unknown host";
            case UnresolvedAddressException e -> "unknown host";
            case SocketTimeoutException e -> "timed out";
            case InterruptedByTimeoutException e -> "timed out";
            case TimeoutException e -> "timed out";
            default -> cause.getMessage() != null ? cause.getMessage().toLowerCase(Locale.ROOT)
                    : cause.getClass().getSimpleName();
        };
    }
}
