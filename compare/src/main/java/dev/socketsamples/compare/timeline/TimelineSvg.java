package dev.socketsamples.compare.timeline;

import dev.socketsamples.compare.timeline.Span.Lane;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws one server's spans as SVG text: a lane per thread, a bar per read, write or wait, a time axis in ms. The
 * picture scales to its column (a viewBox, width 100%); its few words (legend, lane kinds, axis) follow the page's
 * language, thread names stay as the JVM named them.
 */
final class TimelineSvg {

    /** The words a picture carries, in one language; the Korean one names a font with Hangul for the PDF book. */
    record Words(String slow, String read, String write, String waiting, String alive, String platform,
            String virtual, String carrier, String fontFamily) {

        static Words of(String language) {
            return switch (language) {
                case "en" -> new Words("slow", "read", "write", "waiting", "alive", "platform", "virtual", "carrier",
                        "sans-serif");
                case "es" -> new Words("lento", "lee", "escribe", "espera", "viva", "plataforma", "virtual", "portador",
                        "sans-serif");
                case "ko" -> new Words("느림", "읽기", "쓰기", "대기", "연결 중", "플랫폼", "가상", "캐리어",
                        "NanumGothic, sans-serif");
                default -> throw new IllegalArgumentException("no words for language '" + language + "'");
            };
        }

        String lane(Lane kind) {
            return switch (kind) {
                case PLATFORM -> platform;
                case VIRTUAL -> virtual;
                case CARRIER -> carrier;
            };
        }
    }

    /** One colour per client, A to J, told apart also in greyscale by their order. */
    private static final List<String> CLIENT_COLOURS = List.of("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd",
            "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f");
    private static final String UNKNOWN = "#555555";
    private static final int LABEL_WIDTH = 280;
    private static final int PLOT_WIDTH = 700;
    private static final int LANE_HEIGHT = 24;
    private static final int TOP = 56;

    private TimelineSvg() {
    }

    static String draw(String title, List<Span> spans) {
        return draw(title, spans, Words.of("en"));
    }

    /** {@code title} may be empty: on a page, the caption names the server. */
    static String draw(String title, List<Span> spans, Words words) {
        Map<String, Lane> lanes = new LinkedHashMap<>();
        for (Span span : spans) {
            lanes.putIfAbsent(span.lane(), span.laneKind());
        }
        List<String> order = new ArrayList<>(lanes.keySet());
        long endMicros = Math.max(1000, spans.stream().mapToLong(Span::endMicros).max().orElse(0));
        double scale = PLOT_WIDTH / (double) endMicros;
        int top = title.isEmpty() ? TOP - 24 : TOP;
        int height = top + order.size() * LANE_HEIGHT + 50;
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        StringBuilder svg = new StringBuilder();
        // No fixed size: the page's column sets the width, the viewBox the proportions.
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"100%%\" font-family=\"%s\" font-size=\"14\">%n", width, height, words.fontFamily()));
        svg.append(rect(0, 0, width, height, "fill=\"white\""));
        if (!title.isEmpty()) {
            svg.append(text(10, 20, escape(title), "font-size=\"15\" font-weight=\"bold\""));
        }
        legend(svg, top - 26, words);
        for (int i = 0; i < order.size(); i++) {
            String lane = order.get(i);
            int y = top + i * LANE_HEIGHT;
            if (i % 2 == 0) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f3f3f3\"/>%n",
                        y, width, LANE_HEIGHT));
            }
            Lane kind = lanes.get(lane);
            String colour = switch (kind) {
                case VIRTUAL -> "#6a1b9a";
                case CARRIER -> "#00695c";
                case PLATFORM -> "#000000";
            };
            svg.append(text(6, y + 16, escape(lane) + " (" + words.lane(kind) + ")",
                    "fill=\"" + colour + "\""));
        }
        for (Span span : spans) {
            int y = top + order.indexOf(span.lane()) * LANE_HEIGHT;
            double x = LABEL_WIDTH + span.startMicros() * scale;
            double w = Math.max(2, (span.endMicros() - span.startMicros()) * scale);
            String colour = span.client() < 0 ? UNKNOWN : CLIENT_COLOURS.get(span.client() % CLIENT_COLOURS.size());
            String bar = switch (span.kind()) {
                case READ -> rect(x, y + 4, w, LANE_HEIGHT - 8, "fill=\"" + colour + "\"");
                case WRITE -> rect(x, y + 4, w, LANE_HEIGHT - 8, "fill=\"" + colour + "\" stroke=\"black\" stroke-width=\"1.5\"");
                case WAIT -> rect(x, y + 9, w, LANE_HEIGHT - 18, "fill=\"" + colour + "\" fill-opacity=\"0.3\"");
                case ALIVE -> rect(x, y + LANE_HEIGHT - 3, w, 2, "fill=\"" + colour + "\"");
                case MARK -> rect(x, y + 2, 1, LANE_HEIGHT - 4, "fill=\"#999999\"");
            };
            svg.append(bar.replace("/>", "><title>" + escape(tooltip(span)) + "</title></rect>"));
        }
        axis(svg, top + order.size() * LANE_HEIGHT, endMicros, scale);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The clients' colours and the bars' kinds, in one row whose top is {@code y}. */
    private static void legend(StringBuilder svg, int y, Words words) {
        int x = 10;
        for (int client = 0; client < CLIENT_COLOURS.size(); client++) {
            svg.append(rect(x, y, 12, 12, "fill=\"" + CLIENT_COLOURS.get(client) + "\""));
            svg.append(text(x + 15, y + 10, ScriptedClients.name(client) + (client == 0 ? " (" + words.slow() + ")" : ""), ""));
            x += client == 0 ? 80 : 34;
        }
        x += 10;
        svg.append(rect(x, y, 18, 12, "fill=\"#555555\"")).append(text(x + 22, y + 10, words.read(), ""));
        x += 70;
        svg.append(rect(x, y, 18, 12, "fill=\"#555555\" stroke=\"black\" stroke-width=\"1.5\""))
                .append(text(x + 22, y + 10, words.write(), ""));
        x += 80;
        svg.append(rect(x, y + 3, 18, 6, "fill=\"#555555\" fill-opacity=\"0.3\"")).append(text(x + 22, y + 10, words.waiting(), ""));
        x += 80;
        svg.append(rect(x, y + 6, 18, 2, "fill=\"#555555\"")).append(text(x + 22, y + 10, words.alive(), ""));
    }

    private static void axis(StringBuilder svg, int y, long endMicros, double scale) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LABEL_WIDTH, y + 4, LABEL_WIDTH + PLOT_WIDTH, y + 4));
        long stepMillis = niceStep(endMicros / 1000 / 8);
        for (long ms = 0; ms * 1000 <= endMicros; ms += stepMillis) {
            double x = LABEL_WIDTH + ms * 1000 * scale;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                    x, y + 4, x, y + 9));
            svg.append(text(x - 8, y + 22, String.valueOf(ms), ""));
        }
        svg.append(text(LABEL_WIDTH + PLOT_WIDTH + 4, y + 22, "ms", ""));
    }

    private static long niceStep(long rough) {
        for (long step : new long[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000}) {
            if (step >= rough) {
                return step;
            }
        }
        return 10_000;
    }

    private static String tooltip(Span span) {
        return String.format(Locale.ROOT, "%s %s %s %.3f-%.3f ms (%s)", span.lane(), span.kind().name().toLowerCase(Locale.ROOT),
                span.client() < 0 ? "" : "client " + ScriptedClients.name(span.client()),
                span.startMicros() / 1000.0, span.endMicros() / 1000.0, span.source());
    }

    private static String rect(double x, double y, double w, double h, String style) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s/>%n", x, y, w, h, style);
    }

    private static String text(double x, double y, String text, String style) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, style, text);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
