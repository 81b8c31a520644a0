package dev.socketsamples.compare.load;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The closed loop's echoed exchanges per second by concurrent clients, a line per server, as an SVG file. It has
 * no words but the servers' names: the page's caption, in the page's language, says what the axes are.
 */
final class BenchmarkChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    /** Okabe and Ito's palette, told apart with any colour vision; Netty is black. */
    private static final int[] COLORS = {0xE69F00, 0x0072B2, 0x009E73, 0xCC79A7, 0xD55E00, 0x56B4E9, 0xF0E442};

    private BenchmarkChart() {
    }

    static void writeSvg(Report.Run run, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (Report.Row row : run.rows()) {
            if (row.test().equals(Report.CLOSED)) {
                series.computeIfAbsent(row.server(), XYSeries::new).add(row.load(), row.tally().echoedPerSecond());
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        series.values().forEach(dataset::addSeries);

        JFreeChart chart = ChartFactory.createXYLineChart(null, null, null, dataset, PlotOrientation.VERTICAL, true,
                false, false);
        chart.setBackgroundPaint(Color.WHITE);

        XYPlot plot = chart.getXYPlot();
        LogAxis clients = new LogAxis();
        clients.setBase(10);
        clients.setTickUnit(new NumberTickUnit(1));
        clients.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setDomainAxis(clients);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (String server : series.keySet()) {
            boolean netty = server.equals(ServerProcess.NETTY);
            renderer.setSeriesPaint(i, netty ? Color.BLACK : new Color(COLORS[i % COLORS.length]));
            // Netty dashed: the reference line the others are read against.
            renderer.setSeriesStroke(i, netty
                    ? new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.0f));
            i++;
        }
        plot.setRenderer(renderer);

        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        // A viewBox lets the page scale the chart to its column.
        String svg = g2.getSVGElement(null, true, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
        Files.writeString(file, "<?xml version=\"1.0\"?>\n" + svg + "\n");
    }
}
