package io.territoryscorecard.scorecard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The overall-score trend drawn as an SVG line chart on the scorecard page, computed on the server: no script runs in
 * the page (its content security policy allows none but our own files), and the chart needs none. The GREEN and
 * AMBER limits of the run shown are drawn as labelled lines. The chart grows with the periods so that every period's
 * label has room in full, and the margins hold the labels at the edges. Public for the template engine, which reads
 * it by reflection.
 */
public record TrendChart(int width, int height, int left, int right, int labelY, String line, List<Dot> dots,
        List<Grid> grid, List<Limit> limits) {

    private static final int MIN_WIDTH = 640;
    private static final int HEIGHT = 190;
    private static final int LEFT = 40;
    /** Room right of the plot for the limit labels ("AMBER 60"). */
    private static final int RIGHT = 76;
    private static final int TOP = 12;
    private static final int BOTTOM = 30;
    /** Wider than a period label ("2026-10" at 11 px), so neighbouring labels never overlap. */
    private static final int MIN_STEP = 56;

    /** A period's point: where it is drawn, and its label, score and status for the tooltip and the colour. */
    public record Dot(double x, double y, String period, BigDecimal score, String status) {
    }

    /** A horizontal guide line at a score. */
    public record Grid(double y, int score) {
    }

    /** A status limit: the score from which a result has the status, drawn as a line with its label. */
    public record Limit(double y, String status, BigDecimal score, String label) {
    }

    public static TrendChart of(Trend trend, ScoreLimits scoreLimits) {
        List<Trend.Point> points = trend.periods();
        int plotWidth = Math.max(MIN_WIDTH - LEFT - RIGHT, MIN_STEP * Math.max(1, points.size() - 1));
        int width = LEFT + plotWidth + RIGHT;
        double step = points.size() <= 1 ? 0 : (double) plotWidth / (points.size() - 1);
        List<Dot> dots = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Trend.Point point = points.get(i);
            BigDecimal score = point.overall().score();
            if (score == null) {
                continue;
            }
            double x = LEFT + step * i;
            double y = y(score.doubleValue());
            dots.add(new Dot(x, y, point.period(), score, point.overall().status()));
            line.append(line.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        List<Grid> grid = List.of(new Grid(y(0), 0), new Grid(y(20), 20), new Grid(y(40), 40), new Grid(y(60), 60),
                new Grid(y(80), 80), new Grid(y(100), 100));
        List<Limit> limits = new ArrayList<>();
        if (scoreLimits.green() != null) {
            limits.add(limit("GREEN", scoreLimits.green()));
        }
        if (scoreLimits.amber() != null) {
            limits.add(limit("AMBER", scoreLimits.amber()));
        }
        return new TrendChart(width, HEIGHT, LEFT, LEFT + plotWidth, HEIGHT - 8, line.toString(), dots, grid,
                limits);
    }

    private static Limit limit(String status, BigDecimal score) {
        double clamped = Math.max(0, Math.min(100, score.doubleValue()));
        return new Limit(y(clamped), status, score, status + " " + score.stripTrailingZeros().toPlainString());
    }

    private static double y(double score) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (100 - score) / 100;
    }
}
