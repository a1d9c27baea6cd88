package io.fluxfix.research;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfix.model.Side;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Writes a replay's outputs: {@code summary.json} and {@code fills.csv} (from the events alone: byte-identical for
 * the same inputs), and {@code report.html} with its plots (PNG, drawn by JFreeChart) — PnL, inventory, fills on
 * the mid, fees, commands and rejects — and, in a section of its own, the replay's wall-clock speed and the
 * strategy's decision latency, which vary from run to run.
 */
public final class ReplayReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 900;
    private static final int HEIGHT = 320;

    private ReplayReport() {
    }

    /** Writes every output of {@code r} into {@code dir}. */
    public static void write(ReplayResult r, Path dir) {
        try {
            Files.writeString(dir.resolve("summary.json"), summaryJson(r), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("fills.csv"), fillsCsv(r), StandardCharsets.UTF_8);
            List<String[]> plots = plots(r, dir);
            Files.writeString(dir.resolve("report.html"), html(r, plots), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay's outputs into " + dir, e);
        }
    }

    // ---- summary.json ------------------------------------------------------------------------------------------

    static String summaryJson(ReplayResult r) {
        ReplayOptions o = r.options();
        ObjectNode root = JSON.createObjectNode();
        root.put("strategy", o.strategy());
        ObjectNode params = root.putObject("params");
        new java.util.TreeMap<>(o.params()).forEach(params::put);
        root.put("fills", o.fills().name().toLowerCase(Locale.ROOT));
        root.put("book", r.bookLevel());
        root.put("from", r.events() == 0 ? null : Instant.ofEpochSecond(0, r.firstNanos()).toString());
        root.put("to", r.events() == 0 ? null : Instant.ofEpochSecond(0, r.lastNanos()).toString());
        root.put("events", r.events());
        ObjectNode commands = root.putObject("commands");
        r.commands().forEach(commands::put);
        root.put("sinkRefusals", r.refusals());
        root.put("venueRejects", r.rejects());
        root.put("fillCount", r.fills().size());
        if (o.fills() == ReplayOptions.Fills.SIMULATED) {
            ObjectNode sources = root.putObject("fillSources");
            r.fillSources().forEach(sources::put);
        }
        ObjectNode symbols = root.putObject("symbols");
        for (ReplayResult.SymbolResult s : r.symbols().values()) {
            ObjectNode n = symbols.putObject(s.symbol());
            n.put("position", s.position().toPlainString());
            n.put("cash", s.cash().toPlainString());
            n.put("fees", s.fees().toPlainString());
            n.put("lastMid", s.lastMid() == null ? null : s.lastMid().toPlainString());
            n.put("pnl", s.pnl().toPlainString());
            n.put("buys", s.buys());
            n.put("sells", s.sells());
        }
        if (r.parity() != null) {
            ObjectNode p = root.putObject("parity");
            p.put("session", r.parity().session());
            p.put("recordedCommands", r.parity().recorded());
            p.put("replayedCommands", r.parity().replayed());
            p.put("holds", r.parity().holds());
            if (r.parity().first() != null) {
                ObjectNode d = p.putObject("firstDivergence");
                d.put("index", r.parity().first().index());
                d.put("at", Instant.ofEpochSecond(0, r.parity().first().atNanos()).toString());
                d.put("expected", r.parity().first().expected());
                d.put("actual", r.parity().first().actual());
            }
        }
        root.put("recordDigest", r.digest());
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(pp).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- fills.csv ---------------------------------------------------------------------------------------------

    static String fillsCsv(ReplayResult r) {
        StringBuilder sb = new StringBuilder("time,symbol,side,qty,price,fee,fee_currency,liquidity,order_id,clordid,exec_id\n");
        for (ReplayResult.Fill f : r.fills()) {
            sb.append(Instant.ofEpochSecond(0, f.timeNanos())).append(',').append(csv(f.symbol())).append(',')
                    .append(f.side()).append(',').append(f.qty()).append(',').append(f.price()).append(',')
                    .append(f.fee()).append(',').append(csv(f.feeCurrency())).append(',').append(f.liquidity())
                    .append(',').append(csv(f.orderId())).append(',').append(csv(f.clOrdId())).append(',')
                    .append(csv(f.execId())).append('\n');
        }
        return sb.toString();
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    // ---- plots -------------------------------------------------------------------------------------------------

    /** Draws the plots; returns {file, caption} for each. */
    private static List<String[]> plots(ReplayResult r, Path dir) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<String[]> out = new ArrayList<>();
        out.add(save(dir, "pnl.png", timeChart("PnL (quote currency, marked to the mid)", "PnL", r,
                ReplayResult.Point::pnl), "PnL over time"));
        out.add(save(dir, "inventory.png", timeChart("Inventory (base currency)", "position", r,
                ReplayResult.Point::position), "Inventory over time"));
        out.add(save(dir, "fills.png", fillsChart(r), "Fills on the mid price"));
        out.add(save(dir, "fees.png", timeChart("Fees paid (cumulative, quote currency)", "fees", r,
                ReplayResult.Point::fees), "Fees over time"));
        out.add(save(dir, "orders.png", ordersChart(r), "Commands, refusals and rejects"));
        out.add(save(dir, "latency.png", latencyChart(r), "Decision latency (wall clock)"));
        return out;
    }

    private static String[] save(Path dir, String file, JFreeChart chart, String caption) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, HEIGHT);
        return new String[] {file, caption};
    }

    private static JFreeChart timeChart(String title, String yLabel, ReplayResult r,
                                        java.util.function.ToDoubleFunction<ReplayResult.Point> y) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ReplayResult.SymbolResult s : r.symbols().values()) {
            XYSeries series = new XYSeries(s.symbol(), true, true);
            for (ReplayResult.Point p : s.series()) {
                series.addOrUpdate(p.timeNanos() / 1_000_000.0, y.applyAsDouble(p));
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, "time (UTC)", yLabel, data, true, false, false);
        utc(chart);
        return chart;
    }

    private static JFreeChart fillsChart(ReplayResult r) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ReplayResult.SymbolResult s : r.symbols().values()) {
            XYSeries mid = new XYSeries(s.symbol() + " mid", true, true);
            s.series().forEach(p -> mid.addOrUpdate(p.timeNanos() / 1_000_000.0, p.mid()));
            data.addSeries(mid);
        }
        XYSeries buys = new XYSeries("buy fills", true, true);
        XYSeries sells = new XYSeries("sell fills", true, true);
        for (ReplayResult.Fill f : r.fills()) {
            (f.side() == Side.BUY ? buys : sells).add(f.timeNanos() / 1_000_000.0, f.price().toBigDecimal().doubleValue());
        }
        int lines = data.getSeriesCount();
        data.addSeries(buys);
        data.addSeries(sells);
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Fills on the mid", "time (UTC)", "price", data, true,
                false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            boolean marker = i >= lines;
            renderer.setSeriesLinesVisible(i, !marker);
            renderer.setSeriesShapesVisible(i, marker);
            if (marker) {
                renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            }
        }
        renderer.setSeriesPaint(lines, new Color(0, 140, 0));
        renderer.setSeriesPaint(lines + 1, new Color(200, 0, 0));
        ((XYPlot) chart.getPlot()).setRenderer(renderer);
        utc(chart);
        return chart;
    }

    private static JFreeChart ordersChart(ReplayResult r) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        r.commands().forEach((type, n) -> data.addValue(n, "count", type));
        data.addValue(r.refusals(), "count", "sink refusals");
        data.addValue(r.rejects(), "count", "venue rejects");
        data.addValue(r.fills().size(), "count", "fills");
        return ChartFactory.createBarChart("Commands, refusals, rejects, fills", "", "count", data,
                PlotOrientation.VERTICAL, false, false, false);
    }

    private static JFreeChart latencyChart(ReplayResult r) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            data.addValue(r.speed().decisionPercentile(p) / 1000.0, "µs", p == 100 ? "max" : "p" + fmt(p));
        }
        return ChartFactory.createBarChart("Decision latency (market-data event → commands at the venue)", "",
                "microseconds", data, PlotOrientation.VERTICAL, false, false, false);
    }

    private static void utc(JFreeChart chart) {
        if (chart.getPlot() instanceof XYPlot plot && plot.getDomainAxis() instanceof DateAxis axis) {
            axis.setTimeZone(TimeZone.getTimeZone("UTC"));
        }
    }

    private static String fmt(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    // ---- report.html -------------------------------------------------------------------------------------------

    private static String html(ReplayResult r, List<String[]> plots) {
        ReplayOptions o = r.options();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>FluxFix replay: ")
                .append(esc(o.strategy())).append("</title>\n<style>body{font-family:sans-serif;max-width:960px;"
                        + "margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;"
                        + "text-align:right}th{background:#eee}img{display:block;margin:1em 0}"
                        + ".speed{border:2px dashed #999;padding:0 1em;margin-top:2em}</style></head><body>\n");
        h.append("<h1>Replay of <code>").append(esc(o.strategy())).append("</code></h1>\n");
        h.append("<p>Fills: <b>").append(o.fills().name().toLowerCase(Locale.ROOT)).append("</b>; book ")
                .append(r.bookLevel()).append("; ").append(r.events()).append(" events from ")
                .append(r.events() == 0 ? "-" : Instant.ofEpochSecond(0, r.firstNanos())).append(" to ")
                .append(r.events() == 0 ? "-" : Instant.ofEpochSecond(0, r.lastNanos())).append(". Parameters: ")
                .append(esc(new java.util.TreeMap<>(o.params()).toString())).append(".</p>\n");
        h.append("<h2>Outcome</h2>\n<table><tr><th>symbol</th><th>position</th><th>cash</th><th>fees</th>"
                + "<th>last mid</th><th>PnL</th><th>buys</th><th>sells</th></tr>\n");
        for (ReplayResult.SymbolResult s : r.symbols().values()) {
            h.append("<tr><td>").append(esc(s.symbol())).append("</td><td>").append(s.position().toPlainString())
                    .append("</td><td>").append(s.cash().toPlainString()).append("</td><td>")
                    .append(s.fees().toPlainString()).append("</td><td>")
                    .append(s.lastMid() == null ? "-" : s.lastMid().toPlainString()).append("</td><td>")
                    .append(s.pnl().toPlainString()).append("</td><td>").append(s.buys()).append("</td><td>")
                    .append(s.sells()).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Commands: ").append(esc(r.commands().toString())).append("; refused by the order sink: ")
                .append(r.refusals()).append("; rejected by the venue: ").append(r.rejects()).append("; fills: ")
                .append(r.fills().size());
        if (o.fills() == ReplayOptions.Fills.SIMULATED && !r.fills().isEmpty()) {
            h.append(" (by source: ").append(esc(r.fillSources().toString())).append(" — taker: crossed the "
                    + "recorded book; book: the recorded book traded through; tape: a recorded trade reached it)");
        }
        h.append(".</p>\n");
        if (r.parity() != null) {
            h.append("<h2>Parity with the recorded run</h2>\n<p>");
            if (r.parity().holds()) {
                h.append("<b>Holds</b>: the strategy sent the same ").append(r.parity().replayed())
                        .append(" commands, in the same order, as the journal's session ")
                        .append(esc(r.parity().session())).append(".");
            } else {
                ReplayResult.Divergence d = r.parity().first();
                h.append("<b>Diverges</b> at command ").append(d.index()).append(" (event time ")
                        .append(Instant.ofEpochSecond(0, d.atNanos())).append("): recorded <code>")
                        .append(esc(String.valueOf(d.expected()))).append("</code>, replayed <code>")
                        .append(esc(String.valueOf(d.actual()))).append("</code>.");
            }
            h.append("</p>\n");
        }
        h.append("<h2>Plots</h2>\n");
        for (String[] p : plots) {
            if (p[0].equals("latency.png")) {
                continue;
            }
            h.append("<figure><img class=\"plot\" src=\"").append(p[0]).append("\" alt=\"").append(esc(p[1]))
                    .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                    .append("\"><figcaption>").append(esc(p[1])).append("</figcaption></figure>\n");
        }
        h.append("<p>Record digest (SHA-256 over the output journal's records): <code>").append(r.digest())
                .append("</code></p>\n");
        ReplayResult.Speed s = r.speed();
        h.append("<section class=\"speed\" id=\"speed\"><h2>Speed (wall clock; varies from run to run)</h2>\n")
                .append(String.format(Locale.ROOT, "<p>Replay loop: %.3f s for %d events, %.0f events/s.</p>%n",
                        s.wallNanos() / 1e9, r.events(), s.eventsPerSecond(r.events())))
                .append(String.format(Locale.ROOT, "<p>Decision latency over %d market-data events that made the "
                                + "strategy send: p50 %.1f µs, p99 %.1f µs, max %.1f µs.</p>%n", s.decisionNanos().length,
                        s.decisionPercentile(50) / 1e3, s.decisionPercentile(99) / 1e3, s.decisionPercentile(100) / 1e3))
                .append("<figure><img class=\"plot\" src=\"latency.png\" alt=\"Decision latency\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\"></figure>\n</section>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
