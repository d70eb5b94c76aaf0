package io.territoryscorecard.scorecard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The overall-score trend drawn as an SVG line chart on the scorecard page, computed on the server: no script runs in
 * the page (its content security policy allows none but our own files), and the chart needs none. Public for the
 * template engine, which reads it by reflection.
 */
public record TrendChart(int width, int height, int left, int right, int labelY, String line, List<Dot> dots,
        List<Grid> grid) {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 180;
    private static final int LEFT = 40;
    private static final int RIGHT = 16;
    private static final int TOP = 10;
    private static final int BOTTOM = 30;

    /** A period's point: where it is drawn, and its label, score and status for the tooltip and the colour. */
    public record Dot(double x, double y, String period, BigDecimal score, String status) {
    }

    /** A horizontal guide line at a score. */
    public record Grid(double y, int score) {
    }

    public static TrendChart of(Trend trend) {
        List<Trend.Point> points = trend.periods();
        double step = points.size() <= 1 ? 0 : (double) (WIDTH - LEFT - RIGHT) / (points.size() - 1);
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
        return new TrendChart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, HEIGHT - 8, line.toString(), dots, grid);
    }

    private static double y(double score) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (100 - score) / 100;
    }
}
