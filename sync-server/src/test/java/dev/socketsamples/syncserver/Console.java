package dev.socketsamples.syncserver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects a server's console lines, each with the thread that printed it. */
final class Console implements Consumer<String> {

    /** One console line and the thread that printed it. */
    record Line(Thread thread, String text) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String text) {
        lines.add(new Line(Thread.currentThread(), text));
    }

    /** The text of every line the current thread printed so far, in order. */
    List<String> textsFromThisThread() {
        return lines.stream().filter(line -> line.thread() == Thread.currentThread()).map(Line::text).toList();
    }

    /** Forgets every line so far. */
    void clear() {
        lines.clear();
    }

    /** The text of every line so far, in order. */
    List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }

    /** The first line whose text starts with {@code prefix}; fails if there is none. */
    Line first(String prefix) {
        return lines.stream().filter(line -> line.text().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in " + texts()));
    }
}
