package dev.socketsamples.compare.check;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.compare.check.Outcome.Verdict;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The client rows of ../shared/design/protocol.md, judged from outside a client in any language: its command runs
 * against a scripted server that behaves well or badly, and its exit code, its time and its output are graded.
 * {@code compare check --client} runs them; each is bounded and stops the client if it hangs.
 */
public enum ClientCheck {

    // tag::client-checks[]
    ECHO("against a well-behaved echo server the client exits 0 and prints the echo",
            "send the message with <EOF>, read until the echoed <EOF> or the end of the stream, print it, exit 0",
            null),
    NOTHING_LISTENING("with nothing listening the client says so in one line and exits non-zero at once",
            "catch the refused connect: one line 'cannot connect to HOST:PORT: connection refused', exit 1",
            null),
    NEVER_READS("a server that accepts and never reads: the client gives up within its timeout, non-zero",
            "bound the whole exchange (connect, send, receive) by one deadline, not each call by its own",
            ScriptedServer.NEVER_READS),
    DRIPS("a server that echoes one byte every 3 s: the client's deadline ends it, not each read's timeout",
            "a timeout per read never fires when every read gets a byte: keep one deadline for the exchange",
            ScriptedServer.dripping(Duration.ofSeconds(3))),
    CLOSES_EARLY("a server that closes without echo: one line, non-zero exit",
            "the end of the stream before the echoed <EOF> is an error: say so in one line and exit 1",
            ScriptedServer.CLOSES_EARLY),
    WRONG_ECHO("a server that answers other bytes than the message: one line, non-zero exit",
            "compare the echo with the bytes sent; if they differ say 'not an echo' and exit 1",
            ScriptedServer.WRONG_ECHO);
    // end::client-checks[]

    /** The protocol's default client timeout, and the margin a JVM or an interpreter needs to start and stop. */
    static final Duration BOUND = Protocol.DEFAULT_CLIENT_TIMEOUT.plus(Duration.ofSeconds(5));
    /** The protocol's "non-zero exit within a second", with the margin for a JVM to start. */
    static final Duration AT_ONCE = Duration.ofSeconds(5);
    /** Lines that only a stack trace prints, in Java, Python, Go, .NET and Node. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "^\\s+at \\S+|^Exception in thread|^Traceback \\(most recent call last\\)|^panic: |^Unhandled exception");

    private final String summary;
    private final String hint;
    private final ScriptedServer.Behaviour behaviour;

    ClientCheck(String summary, String hint, ScriptedServer.Behaviour behaviour) {
        this.summary = summary;
        this.hint = hint;
        this.behaviour = behaviour;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String summary() {
        return summary;
    }

    public String hint() {
        return hint;
    }


    private Duration bound() {
        return this == NOTHING_LISTENING ? AT_ONCE : BOUND;
    }

    /** Runs {@code command}, with {@code {port}} replaced, against this check's server, and grades how it ended. */
    public Outcome run(List<String> command) {
        long start = System.nanoTime();
        try {
            return this == NOTHING_LISTENING ? grade(command, Target.freePort(), null, start)
                    : withServer(command, start);
        } catch (IOException e) {
            return new Outcome(label(), hint, Verdict.FAIL, summary, "the check broke: " + e.getMessage(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(label(), hint, Verdict.FAIL, summary, "interrupted",
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private Outcome withServer(List<String> command, long start) throws IOException, InterruptedException {
        ScriptedServer.Behaviour serve = behaviour == null ? ScriptedServer.ECHO : behaviour;
        try (ScriptedServer server = ScriptedServer.start(serve)) {
            return grade(command, server.port(), server, start);
        }
    }

    private Outcome grade(List<String> command, int port, ScriptedServer server, long start)
            throws IOException, InterruptedException {
        List<String> words = command.stream().map(word -> word.replace(ServerCommand.PORT, String.valueOf(port)))
                .toList();
        String sent = "the client to a server at 127.0.0.1:" + port + " that " + switch (this) {
            case ECHO -> "echoes";
            case NOTHING_LISTENING -> "is not there";
            case NEVER_READS -> "never reads";
            case DRIPS -> "drips its echo, one byte every 3 s";
            case CLOSES_EARLY -> "closes without echo";
            case WRONG_ECHO -> "answers \"junk<EOF>\"";
        };
        Process process;
        try {
            process = new ProcessBuilder(words).redirectErrorStream(true).start();
        } catch (IOException e) {
            return outcome(Verdict.FAIL, sent, "cannot run '" + words.getFirst() + "': " + ServerCommand.reason(e),
                    start);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
                task -> Thread.ofVirtual().name("client-output").start(task));
        Duration bound = bound();
        boolean ended = process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String printed = output.completeOnTimeout("", 5, TimeUnit.SECONDS).join();
        List<String> lines = printed.lines().filter(line -> !line.isBlank()).toList();
        double took = (System.nanoTime() - start) / 1e9;
        String last = lines.isEmpty() ? "nothing" : "\"" + lines.getLast() + "\"";
        if (!ended) {
            return outcome(Verdict.FAIL, sent, String.format(Locale.ROOT, "still running after %s s, stopped; it"
                    + " printed %s", ConsoleText.seconds(bound), last), start);
        }
        int exit = process.exitValue();
        String got = String.format(Locale.ROOT, "exit %d after %.1f s, printing %s", exit, took, last);
        if (lines.stream().anyMatch(line -> STACK_TRACE.matcher(line).find())) {
            return outcome(Verdict.FAIL, sent, got + " and a stack trace", start);
        }
        if (this == ECHO) {
            String echo = server == null ? "" : new String(server.received(), UTF_8).replace(Protocol.EOF, "");
            boolean printedTheEcho = !echo.isEmpty() && printed.contains(echo);
            return outcome(exit == 0 && printedTheEcho ? Verdict.PASS : Verdict.FAIL, sent,
                    printedTheEcho || exit != 0 ? got : got + ", without the echo \"" + echo + "\"", start);
        }
        return outcome(exit != 0 ? Verdict.PASS : Verdict.FAIL, sent, got, start);
    }

    private Outcome outcome(Verdict verdict, String sent, String got, long start) {
        return new Outcome(label(), hint, verdict, sent, got, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            return "";
        }
    }


    /**
     * Every check, in the fixed order; the two that wait for the client's timeout start first and wait alongside
     * the others, so that a run costs one timeout, not two.
     */
    static List<Outcome> runAll(List<ClientCheck> checks, List<String> command, Consumer<Outcome> each) {
        Map<ClientCheck, CompletableFuture<Outcome>> waiting = new EnumMap<>(ClientCheck.class);
        for (ClientCheck check : checks) {
            if (check == NEVER_READS || check == DRIPS) {
                waiting.put(check, CompletableFuture.supplyAsync(() -> check.run(command),
                        task -> Thread.ofVirtual().name("client-check-" + check.label()).start(task)));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ClientCheck check : checks) {
            Outcome outcome = waiting.containsKey(check) ? waiting.get(check).join() : check.run(command);
            each.accept(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }
}
