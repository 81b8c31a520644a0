package dev.socketsamples.compare;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * What a command printed while it ran in this JVM, and its exit code: standard output and error go to buffers
 * for the run, so that a test can check them and the build's console stays for the build.
 */
public record Printed(int exitCode, String out, String err) {

    /** A command that prints to the streams it is given, not to System.out: several can run at once. */
    @FunctionalInterface
    public interface Command {
        int run(PrintStream out, PrintStream err);
    }

    /** What {@code command} printed to its own buffers; unlike {@link #by}, it holds no lock. */
    public static Printed into(Command command) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, UTF_8);
             PrintStream err = new PrintStream(errBytes, true, UTF_8)) {
            int exitCode = command.run(out, err);
            return new Printed(exitCode, outBytes.toString(UTF_8), errBytes.toString(UTF_8));
        }
    }

    public static synchronized Printed by(IntSupplier command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try (PrintStream newOut = new PrintStream(outBytes, true, UTF_8);
             PrintStream newErr = new PrintStream(errBytes, true, UTF_8)) {
            System.setOut(newOut);
            System.setErr(newErr);
            int exitCode = command.getAsInt();
            return new Printed(exitCode, outBytes.toString(UTF_8), errBytes.toString(UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
