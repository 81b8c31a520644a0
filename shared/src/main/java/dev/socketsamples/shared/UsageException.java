package dev.socketsamples.shared;

/** A command line that cannot be understood; the main prints the message and the usage line, and exits 2. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
