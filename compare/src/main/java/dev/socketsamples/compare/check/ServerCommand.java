package dev.socketsamples.compare.check;

import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server that {@code compare check --server} starts from a command line, in any language, on a free loopback
 * port: {@code {port}} in each word of the command is replaced by it. It counts as started once the port accepts a
 * connection; {@link #stop()} asks it to end as Ctrl+C does, and {@link #close()} makes sure it has.
 */
final class ServerCommand implements Target.Control, AutoCloseable {

    /** The placeholder for the free port in the command. */
    static final String PORT = "{port}";
    /** A JVM on a busy two-core machine takes a few seconds; a command that never listens costs this. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** After SIGTERM the protocol grants the drain timeout; this is the margin on top. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int LAST_LINES = 5;

    private final Process process;
    private final InetSocketAddress address;
    private final Deque<String> lastLines = new ArrayDeque<>(); // guarded by itself

    private ServerCommand(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
        drain(process.getInputStream());
        drain(process.getErrorStream());
    }

    /**
     * Starts {@code command} with {@code {port}} replaced by a free port, and waits until that port accepts a
     * connection; fails with one line if the command cannot run, exits, or never listens.
     */
    static ServerCommand start(List<String> command) throws IOException, InterruptedException {
        int port = Target.freePort();
        List<String> words = command.stream().map(word -> word.replace(PORT, String.valueOf(port))).toList();
        Process process;
        try {
            process = new ProcessBuilder(words).start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + words.getFirst() + "': " + reason(e));
        }
        ServerCommand server = new ServerCommand(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        try {
            server.awaitListening();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    InetSocketAddress address() {
        return address;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                process.waitFor();
                throw new IOException("the server command exited with code " + process.exitValue()
                        + " before listening on " + ConsoleText.hostAndPort(address) + lastLine());
            }
            try (Socket probe = new Socket()) {
                probe.connect(address, (int) POLL.toMillis() * 10);
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > end) {
                throw new IOException("the server command did not listen on " + ConsoleText.hostAndPort(address)
                        + " within " + ConsoleText.seconds(START_TIMEOUT) + " s (is " + PORT + " its port?)"
                        + lastLine());
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
    }

    @Override
    public boolean canStop() {
        return true;
    }

    @Override
    public String stop() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy(); // SIGTERM where there is one, as Ctrl+C asks
        Duration grace = Protocol.DRAIN_TIMEOUT.plus(STOP_MARGIN);
        if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
            return "still running " + ConsoleText.seconds(grace) + " s after SIGTERM";
        }
        int exit = process.exitValue();
        return exit == 0 ? null : "exited with code " + exit + " after SIGTERM, not 0";
    }

    /** Ends the command and whatever it started, if they still run. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(STOP_MARGIN.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads what the command prints, so that it never blocks on a full pipe, and keeps the last lines. */
    private void drain(InputStream stream) {
        Thread.ofPlatform().name("server-command-output").daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > LAST_LINES) {
                            lastLines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the command is gone: what it printed is all there is
            }
        });
    }

    private String lastLine() throws InterruptedException {
        // Its last words may still be in the pipe when it exits.
        process.waitFor(POLL.toNanos() * 4, TimeUnit.NANOSECONDS);
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "" : "; it printed: " + lastLines.peekLast();
        }
    }

    /** The command's words: split at spaces, except within single or double quotes. */
    static List<String> words(String flag, String command) throws UsageException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UsageException(flag + " has an unclosed " + quote + " in '" + command + "'");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new UsageException(flag + " needs a command");
        }
        return words;
    }


    /** Why the command cannot run, as the system says it: {@code No such file or directory}. */
    static String reason(IOException e) {
        Matcher cause = Pattern.compile("\\(([^()]+)\\)\\s*$").matcher(String.valueOf(e.getMessage()));
        return cause.find() ? cause.group(1) : String.valueOf(e.getMessage());
    }
}
