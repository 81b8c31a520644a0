package dev.socketsamples.shared;

import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

/** How the console lines of every sample write an address, a duration and the thread that speaks. */
public final class ConsoleText {

    private ConsoleText() {
    }

    /** {@code HOST:PORT}: the address, not a name, and an IPv6 one in brackets. */
    public static String hostAndPort(SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        String host = inet.getAddress().getHostAddress();
        return (inet.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + inet.getPort();
    }

    /** A duration in seconds as the console and the command line show it: {@code 30}, {@code 0.5}. */
    public static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /** {@code line} prefixed with the name of the thread that runs it: which thread runs what is the lesson. */
    public static String onThisThread(String line) {
        return "[" + Thread.currentThread().getName() + "] " + line;
    }
}
